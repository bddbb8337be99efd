import { useParams } from 'react-router-dom';
import { Review } from '../features/exam/Review';

export default function ReviewPage() {
  const id = Number(useParams().id);
  return <Review key={id} attemptId={id} />;
}
