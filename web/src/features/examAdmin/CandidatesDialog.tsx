// A sitting's candidates (考生): HR adds every eligible application of the level not yet placed in a
// sitting of the blueprint (each gets the next candidate number), and takes one out before they
// started.
import { Button, Modal, Popconfirm, Space, Table, Tag, Tooltip, Typography, message } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client';
import { EmptyState, ErrorState } from '../ui';
import { addCandidates, removeCandidate, useRoom, type RoomLine, type Sitting } from './api';
import { lineState } from './room';

export default function CandidatesDialog({ sitting, editable, onClose }: { sitting: Sitting | null; editable: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const room = useRoom(sitting?.id ?? 0, false, !!sitting);
  const refresh = () => qc.invalidateQueries({ queryKey: ['examAdmin'] });
  const failed = (e: unknown) => {
    if (!(e instanceof ApiError)) throw e;
    void message.error(e.problem.errors?.map((x) => x.message).join(' ') || e.problem.title);
  };
  const addAll = async () => {
    try {
      const r = await addCandidates(sitting!.id!);
      if (r.added) void message.success(t('examAdmin.candidatesAdded', { count: r.added }));
      else void message.info(t('examAdmin.noneToAdd'));
    } catch (e) {
      failed(e);
    }
    await refresh();
  };
  const remove = async (l: RoomLine) => {
    try {
      await removeCandidate(sitting!.id!, l.application_id!);
      void message.success(t('examAdmin.candidateRemoved', { name: l.engineer_name }));
    } catch (e) {
      failed(e);
    }
    await refresh();
  };
  const full = !!sitting && (sitting.candidates ?? 0) >= sitting.capacity;
  return (
    <Modal
      open={!!sitting}
      width={760}
      title={sitting ? t('examAdmin.candidatesOf', { name: sitting.name }) : ''}
      onCancel={onClose}
      footer={<Button onClick={onClose}>{t('common.close')}</Button>}
      data-testid="candidates-dialog"
    >
      {sitting && (
        <Space orientation="vertical" style={{ width: '100%' }}>
          <Space wrap style={{ justifyContent: 'space-between', width: '100%' }}>
            <Typography.Text data-testid="candidates-count">{t('examAdmin.seats', { n: sitting.candidates ?? 0, capacity: sitting.capacity })}</Typography.Text>
            {editable && (
              <Popconfirm title={t('examAdmin.addAllConfirm')} onConfirm={() => void addAll()} okText={t('common.confirm')} cancelText={t('common.cancel')}>
                <Button type="primary" disabled={full} data-testid="candidates-add-all">
                  {t('examAdmin.addAll')}
                </Button>
              </Popconfirm>
            )}
          </Space>
          <Typography.Text type="secondary">{t('examAdmin.addAllHint')}</Typography.Text>
          {room.error ? (
            <ErrorState error={room.error} onRetry={() => void room.refetch()} />
          ) : (
            <Table<RoomLine>
              size="small"
              rowKey="application_id"
              scroll={{ x: 'max-content' }}
              loading={room.isLoading}
              dataSource={room.data?.items}
              pagination={{ pageSize: 20, hideOnSinglePage: true, showSizeChanger: false, showTotal: (count) => t('common.total', { count }) }}
              locale={{ emptyText: <EmptyState /> }}
              data-testid="candidates-table"
              columns={[
                { title: t('examAdmin.candidateNoShort'), dataIndex: 'candidate_no' },
                {
                  title: t('engineers.name'),
                  render: (_, l) => (
                    <>
                      <div>{l.engineer_name}</div>
                      <Typography.Text type="secondary">{l.employee_no}</Typography.Text>
                    </>
                  ),
                },
                { title: t('examAdmin.attemptStatus'), render: (_, l) => <Tag>{t(`examAdmin.statuses.${lineState(l, Date.now()).status}`)}</Tag> },
                {
                  title: '',
                  render: (_, l) =>
                    editable &&
                    (l.attempt ? (
                      <Tooltip title={t('examAdmin.startedStays')}>
                        <Button size="small" disabled>
                          {t('examAdmin.remove')}
                        </Button>
                      </Tooltip>
                    ) : (
                      <Popconfirm title={t('examAdmin.removeConfirm', { name: l.engineer_name })} onConfirm={() => void remove(l)} okText={t('common.confirm')} cancelText={t('common.cancel')}>
                        <Button size="small" danger data-testid={`remove-${l.candidate_no}`}>
                          {t('examAdmin.remove')}
                        </Button>
                      </Popconfirm>
                    )),
                },
              ]}
            />
          )}
        </Space>
      )}
    </Modal>
  );
}
