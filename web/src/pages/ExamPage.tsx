import { useParams } from 'react-router-dom';
import { TakeExam } from '../features/exam/TakeExam';

export default function ExamPage() {
  const id = Number(useParams().id);
  return <TakeExam key={id} sittingId={id} />;
}
