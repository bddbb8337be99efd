import { useParams } from 'react-router-dom';
import ItemAnalysis from '../features/itemAnalysis/ItemAnalysis';

// A sitting's item analysis (试题分析): /sittings/:id/analysis, for HR and administrators.
export default function ItemAnalysisPage() {
  const id = Number(useParams().id);
  return <ItemAnalysis key={id} sittingId={id} />;
}
