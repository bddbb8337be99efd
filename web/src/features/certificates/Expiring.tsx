import { Card, Select, Table } from 'antd';
import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { useLevelLabels } from '../schemes/levels';
import { useUrlNumber, useUrlPage } from '../urlState';
import { EmptyState, ErrorState } from '../ui';
import { useExpiringCertificates } from './api';

// Valid certificates running out soon: the people the next re-certification cycle is for.
export default function Expiring() {
  const { t } = useTranslation();
  const levels = useLevelLabels();
  const [days, setDays] = useUrlNumber('days', 90, [30, 90, 180, 365]);
  const pagination = useUrlPage('expiring_page');
  const expiring = useExpiringCertificates(days);
  return (
    <Card
      title={t('certificates.expiring')}
      extra={
        <Select
          style={{ width: 140 }}
          value={days}
          onChange={setDays}
          options={[30, 90, 180, 365].map((d) => ({ value: d, label: t('certificates.within', { n: d }) }))}
        />
      }
    >
      {expiring.error ? (
        <ErrorState error={expiring.error} />
      ) : (
        <Table
          scroll={{ x: 'max-content' }}
          rowKey="id"
          size="small"
          loading={expiring.isLoading}
          dataSource={expiring.data?.items}
          locale={{ emptyText: <EmptyState /> }}
          pagination={pagination}
          columns={[
            { title: t('engineers.employeeNo'), dataIndex: 'employee_no' },
            { title: t('engineers.name'), dataIndex: 'engineer_name', render: (v: string, c) => <Link to={`/engineers/${c.engineer_id}`}>{v}</Link> },
            { title: t('engineers.level'), dataIndex: 'level_rank', render: (r: number) => levels.get(r) ?? r },
            { title: t('engineers.certificateNo'), dataIndex: 'number' },
            { title: t('engineers.expiresOn'), dataIndex: 'expires_on' },
          ]}
        />
      )}
    </Card>
  );
}
