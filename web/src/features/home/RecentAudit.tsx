// The auditor's latest records, with the way to the full log and its chain check.
import { Button, Card, List, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { formatTime } from '../format';
import { useRecentAudit } from '../audit/api';

export default function RecentAudit() {
  const { t } = useTranslation();
  const recent = useRecentAudit();
  return (
    <Card title={t('home.recentAudit')} extra={<Link to="/audit">{t('nav.audit')}</Link>} data-testid="home-audit">
      <List
        size="small"
        loading={recent.isLoading}
        dataSource={recent.data?.items ?? []}
        renderItem={(r) => (
          <List.Item>
            <Typography.Text type="secondary">{formatTime(r.at)}</Typography.Text>&nbsp;{r.actor} · {t(`audit.actions.${r.action.replace('.', '_')}`, { defaultValue: r.action })}
          </List.Item>
        )}
      />
      <Link to="/audit">
        <Button style={{ marginTop: 8 }}>{t('audit.verify')}</Button>
      </Link>
    </Card>
  );
}
