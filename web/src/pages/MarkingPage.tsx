import { useParams } from 'react-router-dom';
import MarkingDesk from '../features/marking/MarkingDesk';
import MarkingQueue from '../features/marking/MarkingQueue';

// Marking short answers (阅卷): /marking lists the blueprints with answers waiting; /marking/:blueprintId
// is the marker at work on one of them. For administrators, HR and examiners.
export default function MarkingPage() {
  const { blueprintId } = useParams();
  return blueprintId ? <MarkingDesk key={blueprintId} blueprintId={Number(blueprintId)} /> : <MarkingQueue />;
}
