// The manager's team by level, each count a link to the filtered engineer list.
import { Card, Space, Statistic } from 'antd';
import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { useLevelLabels } from '../schemes/levels';

export default function Team({ team }: { team: { rank: number; count: number }[] }) {
  const { t } = useTranslation();
  const levels = useLevelLabels();
  return (
    <Card title={t('home.team')} extra={<Link to="/engineers">{t('nav.engineers')}</Link>} data-testid="home-team">
      <Space wrap size="large">
        {team.map((x) => (
          <Link key={x.rank} to={`/engineers?rank=${x.rank}&status=active`}>
            <Statistic title={x.rank ? levels.get(x.rank) ?? x.rank : t('engineers.noLevel')} value={x.count} />
          </Link>
        ))}
      </Space>
    </Card>
  );
}
