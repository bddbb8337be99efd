// A candidate's webcam snapshots (监考抓拍) in the room, for the sitting's proctors and HR: the
// candidate's consent and the pictures with the time each was taken. Each opening is one look,
// recorded in the audit log, which the drawer says; the pictures are read only while it is open.
//
//   <SnapshotConsent line={l} wanted={s.snapshots} onOpen={() => setViewing(l)} />   // a room line's cell
//   <SnapshotsDrawer line={viewing} onClose={() => setViewing(null)} />
import { Alert, Button, Drawer, Empty, Flex, Grid, Space, Tag, Typography } from 'antd';
import { CameraOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { ErrorState, Loading } from '../ui';
import { snapshotUrl, useAttemptSnapshots, type RoomLine } from './api';
import { formatLocal } from './time';

const CONSENT_COLORS: Record<string, string> = { yes: 'green', no: 'orange', '': 'default' };
const consentKey = (c: string | undefined) => (c === 'yes' || c === 'no' ? c : 'unanswered');

export function ConsentTag({ consent }: { consent: string | undefined }) {
  const { t } = useTranslation();
  return <Tag color={CONSENT_COLORS[consent ?? ''] ?? 'default'}>{t(`examAdmin.consents.${consentKey(consent)}`)}</Tag>;
}

// A line's consent and how many were taken of how many; with some taken, a button to look at them.
export function SnapshotConsent({ line, wanted, onOpen }: { line: RoomLine; wanted: number; onOpen: () => void }) {
  const { t } = useTranslation();
  if (!line.attempt) return <Typography.Text type="secondary">—</Typography.Text>;
  const taken = line.snapshots?.taken ?? 0;
  const count = `${taken}/${wanted}`;
  return (
    <Space size={4} data-testid={`snapshots-${line.candidate_no}`}>
      <ConsentTag consent={line.snapshots?.consent} />
      {taken > 0 ? (
        <Button size="small" type="link" icon={<CameraOutlined />} style={{ paddingInline: 0 }} onClick={onOpen} aria-label={`${t('examAdmin.openSnapshots')} ${count}`}>
          {count}
        </Button>
      ) : (
        <span>{count}</span>
      )}
    </Space>
  );
}

function Pictures({ attemptId }: { attemptId: number }) {
  const { t } = useTranslation();
  const list = useAttemptSnapshots(attemptId);
  if (list.isLoading) return <Loading />;
  if (list.error) return <ErrorState error={list.error} onRetry={() => void list.refetch()} />;
  const { status, items } = list.data!;
  const keep = status.keep_days > 0 ? t('examAdmin.snapshotsKeep', { count: status.keep_days }) : t('examAdmin.snapshotsKeepNone');
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Space size={4} wrap>
        <ConsentTag consent={status.consent} />
        {status.consent_at && <Typography.Text type="secondary">{t('examAdmin.consentAt', { time: formatLocal(status.consent_at, 'HH:mm:ss') })}</Typography.Text>}
        <Typography.Text>{t('examAdmin.snapshotsTaken', { taken: status.taken, wanted: status.wanted })}</Typography.Text>
      </Space>
      {items.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('examAdmin.snapshotsNone')} />
      ) : (
        <Flex wrap gap={12}>
          {items.map((p, i) => (
            <figure key={p.id} style={{ margin: 0, width: 160 }}>
              <img src={snapshotUrl(p.id)} width={160} alt={t('examAdmin.snapshotAlt', { n: i + 1, time: formatLocal(p.taken_at, 'HH:mm:ss') })}
                style={{ display: 'block', height: 'auto', borderRadius: 4, background: '#f5f5f5' }} data-testid="snapshot-image" />
              <figcaption>
                <Typography.Text type="secondary">{t('examAdmin.snapshotAt', { time: formatLocal(p.taken_at, 'HH:mm:ss') })}</Typography.Text>
              </figcaption>
            </figure>
          ))}
        </Flex>
      )}
      <Typography.Text type="secondary">{keep}</Typography.Text>
    </Space>
  );
}

export function SnapshotsDrawer({ line, onClose }: { line: RoomLine | null; onClose: () => void }) {
  const { t } = useTranslation();
  const wide = Grid.useBreakpoint().md ?? true;
  return (
    <Drawer open={!!line} onClose={onClose} size={wide ? 560 : '100%'} destroyOnHidden data-testid="snapshots-drawer"
      title={line ? t('examAdmin.snapshotsTitle', { name: line.engineer_name, no: line.candidate_no }) : ''}>
      <Alert type="info" showIcon style={{ marginBottom: 16 }} title={t('examAdmin.snapshotsAudited')} />
      {line?.attempt?.id && <Pictures attemptId={line.attempt.id} />}
    </Drawer>
  );
}
