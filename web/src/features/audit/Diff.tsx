// One audit record's before/after as a readable diff, with field labels where the UI has them.
import { Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { diffImages, lastKey } from './diff';

export default function Diff({ before, after }: { before: string; after: string }) {
  const { t } = useTranslation();
  const rows = diffImages(before, after);
  if (!rows.length) return <Typography.Text type="secondary">{t('audit.noChange')}</Typography.Text>;
  return (
    <Table
      scroll={{ x: 'max-content' }}
      size="small"
      rowKey="path"
      pagination={false}
      dataSource={rows}
      data-testid="audit-diff"
      columns={[
        {
          title: t('schemes.field'),
          dataIndex: 'path',
          width: 260,
          render: (p: string) => {
            const label = t(`audit.fields.${lastKey(p)}`, { defaultValue: '' });
            const where = p.includes('.') || p.includes('[') ? p.slice(0, p.length - lastKey(p).length).replace(/\.$/, '') : '';
            return label ? (where ? `${where} · ${label}` : label) : p;
          },
        },
        { title: t('schemes.before'), dataIndex: 'before', render: (v?: string) => v ?? '—' },
        { title: t('schemes.after'), dataIndex: 'after', render: (v?: string) => v ?? '—' },
      ]}
    />
  );
}
