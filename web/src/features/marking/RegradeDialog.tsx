// Regrading a blueprint's submitted papers after a key correction (重新判分): the dialog first runs
// the dry run and lists every change (candidate, old → new score, each question's old → new
// points) and the questions whose new version cannot mark old papers, with why. Applying needs a
// reason and a confirmation; then it shows what changed and whether the evaluation started again.
import { useState } from 'react';
import { Alert, Button, Form, Input, Modal, Space, Table, Typography } from 'antd';
import { ArrowRightOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, ApiError, unwrap } from '../../api/client';
import type { Job } from '../jobs/api';
import { formatPoints, type Blueprint } from '../examAdmin/api';
import { ErrorState, Loading } from '../ui';
import { regrade, type RegradeChange, type RegradeReport } from './api';

const fromTo = (from: number | null | undefined, to: number | null | undefined) => (
  <Space size={4} style={{ whiteSpace: 'nowrap' }}>
    <span>{formatPoints(from)}</span>
    <ArrowRightOutlined style={{ fontSize: 11, color: '#8c8c8c' }} />
    <Typography.Text strong type={(to ?? 0) < (from ?? 0) ? 'danger' : 'success'}>
      {formatPoints(to)}
    </Typography.Text>
  </Space>
);

function Changes({ report }: { report: RegradeReport }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'zh';
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Table<RegradeChange>
        size="small"
        rowKey="attempt_id"
        pagination={report.changes && report.changes.length > 20 ? { pageSize: 20, size: 'small' } : false}
        scroll={{ x: 'max-content' }}
        dataSource={report.changes ?? []}
        locale={{ emptyText: t('marking.noChanges') }}
        data-testid="regrade-changes"
        onRow={(c) => ({ 'data-testid': `regrade-${c.application_id}` }) as never}
        columns={[
          { title: t('marking.candidateNo'), dataIndex: 'candidate_no' },
          { title: t('engineers.employeeNo'), dataIndex: 'employee_no' },
          { title: t('engineers.name'), dataIndex: 'name' },
          { title: t('marking.score'), render: (_, c) => <span data-testid="regrade-score">{fromTo(c.old_score, c.new_score)}</span> },
          {
            title: t('marking.questions'),
            render: (_, c) => (
              <Space orientation="vertical" size={0}>
                {(c.questions ?? []).map((q) => (
                  <Space key={q.question_id} size={6} data-testid="regrade-question">
                    <Typography.Text code>{q.code}</Typography.Text>
                    {fromTo(q.old_points, q.new_points)}
                  </Space>
                ))}
              </Space>
            ),
          },
        ]}
      />
      {(report.skipped ?? []).length > 0 && (
        <Alert
          type="warning"
          showIcon
          title={t('marking.skippedTitle', { count: report.skipped!.length })}
          data-testid="regrade-skipped"
          description={
            <ul style={{ margin: 0, paddingInlineStart: 20 }}>
              {report.skipped!.map((s) => (
                <li key={s.question_id}>
                  <Typography.Text code>{s.code}</Typography.Text> {s.reason?.[lang] || s.reason?.zh}
                </li>
              ))}
            </ul>
          }
        />
      )}
    </Space>
  );
}

export default function RegradeDialog({ open, blueprint, level, onClose }: { open: boolean; blueprint: Blueprint; level: string; onClose: () => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [form] = Form.useForm<{ reason: string }>();
  const [modal, holder] = Modal.useModal();
  const [applied, setApplied] = useState<RegradeReport | null>(null);
  const [busy, setBusy] = useState(false);
  const dry = useQuery({
    enabled: open,
    queryKey: ['marking', 'regrade', blueprint.id],
    queryFn: () => regrade(blueprint.id!, { dry_run: true }),
    gcTime: 0,
    staleTime: 0,
    retry: false,
    refetchOnWindowFocus: false,
  });
  const close = () => {
    setApplied(null);
    onClose();
  };

  // The evaluation started again is put into the job list at once, so that the notifier sees it end.
  const follow = async (id: number) => {
    try {
      const j = unwrap(await api.GET('/api/v1/jobs/{id}', { params: { path: { id } } })) as Job;
      qc.setQueryData<{ items: Job[]; total: number }>(['jobs'], (old) => ({ items: [j, ...(old?.items ?? []).filter((x) => x.id !== j.id)], total: (old?.total ?? 0) + (old?.items.some((x) => x.id === j.id) ? 0 : 1) }));
    } finally {
      void qc.invalidateQueries({ queryKey: ['jobs'] });
    }
  };
  const apply = async () => {
    const { reason } = await form.validateFields();
    const count = dry.data?.changes?.length ?? 0;
    const ok = await modal.confirm({
      title: t('marking.confirmApply', { count }),
      content: t('marking.confirmApplyHint'),
      okText: t('marking.apply'),
      cancelText: t('common.cancel'),
    });
    if (!ok) return;
    setBusy(true);
    try {
      const r = await regrade(blueprint.id!, { dry_run: false, reason: reason.trim() });
      setApplied(r);
      if (r.evaluation_job) void follow(r.evaluation_job);
      void qc.invalidateQueries({ queryKey: ['cycles'] });
      void qc.invalidateQueries({ queryKey: ['marking', 'progress', blueprint.id] });
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
      const fields = (e.problem.errors ?? []).filter((x) => x.field === 'reason').map((x) => ({ name: 'reason' as const, errors: [x.message] }));
      if (fields.length) form.setFields(fields);
      else void modal.error({ title: e.problem.title, content: e.problem.detail !== e.problem.title ? e.problem.detail : undefined });
    } finally {
      setBusy(false);
    }
  };

  const report = applied ?? dry.data;
  const changes = dry.data?.changes?.length ?? 0;
  let body;
  if (applied)
    body = (
      <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
        <Alert type="success" showIcon title={t('marking.applied', { count: applied.changes?.length ?? 0, attempts: applied.attempts ?? 0 })} data-testid="regrade-applied" />
        {applied.evaluation_job && <Alert type="info" showIcon title={t('marking.evaluationAgain')} data-testid="regrade-evaluation" />}
        <Changes report={applied} />
      </Space>
    );
  else if (dry.isLoading) body = <Loading />;
  else if (dry.error) body = <ErrorState error={dry.error} onRetry={() => void dry.refetch()} />;
  else if (report)
    body = (
      <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
        <Alert type="info" showIcon title={t('marking.dryRun', { attempts: report.attempts ?? 0, count: changes })} description={t('marking.dryRunHint')} data-testid="regrade-summary" />
        <Changes report={report} />
        {changes > 0 && (
          <Form form={form} layout="vertical">
            <Form.Item name="reason" label={t('marking.reason')} rules={[{ required: true, whitespace: true, message: t('marking.reasonRequired') }]} extra={t('marking.reasonHint')}>
              <Input.TextArea rows={2} maxLength={500} showCount data-testid="regrade-reason" />
            </Form.Item>
          </Form>
        )}
      </Space>
    );

  return (
    <Modal
      open={open}
      width={900}
      title={t('marking.regradeTitle', { level })}
      onCancel={close}
      destroyOnHidden
      footer={
        <Space wrap>
          <Button onClick={close} data-testid="regrade-close">
            {t(applied ? 'common.close' : 'common.cancel')}
          </Button>
          {!applied && (
            <Button type="primary" danger disabled={!changes || dry.isFetching} loading={busy} onClick={() => void apply()} data-testid="regrade-apply">
              {t('marking.apply')}
            </Button>
          )}
        </Space>
      }
    >
      {holder}
      <div data-testid="regrade-dialog">{body}</div>
    </Modal>
  );
}
