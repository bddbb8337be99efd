import { Card, Table, Tag, Tooltip, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { EmptyState, ErrorState } from '../ui';
import { useCertificates } from './api';

type CertificateRow = { key: string; number?: string; level_rank: number; issued_on: string; expires_on?: string; status: string; record?: boolean };

// The certificates issued by cycles, and the levels recorded without one (initial grading, evaluations
// held before the system, imports): the next-level checklist counts those as held, so they are shown.
export default function Certificates({ id, levels, rank: current, history }: { id: number; levels: Map<number, string>; rank: number; history: { rank: number; since: string; source: string }[] }) {
  const { t } = useTranslation();
  const certs = useCertificates(id);
  if (certs.error) return <ErrorState error={certs.error} />;
  const today = new Date().toISOString().slice(0, 10);
  const issued: CertificateRow[] = (certs.data?.items ?? []).map((c) => ({ key: `c${c.id}`, number: c.number, level_rank: c.level_rank, issued_on: c.issued_on, expires_on: c.expires_on, status: c.status }));
  const covered = new Set(issued.map((c) => c.level_rank));
  const recorded: CertificateRow[] = [];
  for (const h of history) {
    if (h.rank <= 0 || covered.has(h.rank) || h.source.startsWith('cycle:') || h.rank > current) continue;
    covered.add(h.rank);
    recorded.push({ key: `r${h.rank}`, level_rank: h.rank, issued_on: h.since, status: h.rank === current ? 'valid' : 'superseded', record: true });
  }
  const rows = [...issued, ...recorded].sort((a, b) => b.level_rank - a.level_rank || b.issued_on.localeCompare(a.issued_on));
  return (
    <Card title={t('engineers.certificates')} data-testid="certificates">
      <Table
        rowKey="key"
        size="small"
        loading={certs.isLoading}
        dataSource={rows}
        locale={{ emptyText: <EmptyState /> }}
        pagination={false}
        scroll={{ x: 'max-content' }}
        columns={[
          {
            title: t('engineers.certificateNo'),
            dataIndex: 'number',
            render: (n: string | undefined) => (n ? <Typography.Text code>{n}</Typography.Text> : <Tooltip title={t('engineers.recordHint')}><Tag>{t('engineers.levelRecord')}</Tag></Tooltip>),
          },
          { title: t('engineers.certificateLevel'), dataIndex: 'level_rank', render: (r: number) => levels.get(r) ?? r },
          { title: t('engineers.issuedOn'), dataIndex: 'issued_on' },
          {
            title: t('engineers.expiresOn'),
            dataIndex: 'expires_on',
            render: (d: string | undefined) => (d ? <Tag color={d < today ? 'red' : 'green'}>{d}</Tag> : '—'),
          },
          { title: t('engineers.status'), dataIndex: 'status', render: (s: string) => t(`engineers.certificateStatuses.${s}`, { defaultValue: s }) },
        ]}
      />
    </Card>
  );
}
