// What changed between two versions of a scheme, field by field.
import { useState } from 'react';
import { Card, Select, Space, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { ErrorState } from '../ui';
import { useSchemeDiff } from './api';

export default function SchemeDiff({ id, versions }: { id: number; versions: number[] }) {
  const { t } = useTranslation();
  const [from, setFrom] = useState<number | undefined>(versions.length > 1 ? versions[1] : undefined);
  const [to, setTo] = useState<number | undefined>(versions[0]);
  const diff = useSchemeDiff(id, from, to);
  const options = versions.map((v) => ({ value: v, label: `v${v}` }));
  return (
    <Card title={t('schemes.diff')} size="small">
      <Space wrap style={{ marginBottom: 12 }}>
        {t('schemes.from')} <Select style={{ width: 100 }} value={from} onChange={setFrom} options={options} />
        {t('schemes.to')} <Select style={{ width: 100 }} value={to} onChange={setTo} options={options} />
      </Space>
      {diff.error && <ErrorState error={diff.error} />}
      {diff.data &&
        (diff.data.changes.length === 0 ? (
          <Typography.Text type="secondary">{t('schemes.noChanges')}</Typography.Text>
        ) : (
          <Table
            scroll={{ x: 'max-content' }}
            size="small"
            rowKey="path"
            pagination={false}
            dataSource={diff.data.changes}
            columns={[
              { title: t('schemes.field'), dataIndex: 'path', width: 240 },
              { title: t('schemes.before'), dataIndex: 'before', render: (v: string) => <span style={{ whiteSpace: 'pre-wrap' }}>{v}</span> },
              { title: t('schemes.after'), dataIndex: 'after', render: (v: string) => <span style={{ whiteSpace: 'pre-wrap' }}>{v}</span> },
            ]}
          />
        ))}
    </Card>
  );
}
