// Uploading a sheet that is checked as a whole: the template to start from, the rows read while the
// import runs as a job (a progress bar; it may be stopped), and every row's problem listed when
// nothing was imported.
import { useEffect, useState } from 'react';
import { Alert, Button, Modal, Progress, Space, Table, Typography, Upload, message } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { ApiError, type Problem, type Schemas } from '../api/client';
import { uploadSheet } from './engineers/api';
import { cancelJob, isActive, percentOf, problemOf, shownHere, useJob, type Job } from './jobs/api';
import ProblemList from './ProblemList';

// url: where the file goes; title/hint/ok: i18n keys; refresh: the queries that show what was imported.
// preview: the file is checked first (a dry run) and what it would create and change is shown before it is imported.
// previewText/doneText: i18n keys of the preview's and the result's counts (created, updated, unchanged), when the
// rows are not engineers; similar: the i18n key introducing the report's warnings (rows much like data already kept).
export type ImportKind = {
  url: string; title: string; hint: string; ok: string; template?: string; refresh?: readonly unknown[]; catalogue?: boolean; preview?: boolean;
  previewText?: string; doneText?: string; similar?: string;
};
type Report = Schemas['ImportReport'];
type ReportWarning = { field: string; message: { zh?: string; en?: string }; row?: number; column?: string };

export default function ImportDialog({ kind, onClose }: { kind: ImportKind | null; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const qc = useQueryClient();
  const [problem, setProblem] = useState<Problem | null>(null);
  const [busy, setBusy] = useState(false);
  const [pending, setPending] = useState<{ file: File; report: Report } | null>(null);
  // The upload being checked (or imported) by its job.
  const [running, setRunning] = useState<{ id: number; file: File; preview: boolean } | null>(null);
  const job = useJob(running?.id ?? null);
  const n = (x?: number) => (x ?? 0).toLocaleString(i18n.language);
  const close = () => {
    setPending(null);
    setProblem(null);
    setRunning(null);
    onClose();
  };
  // While the dialog shows a job, its end is told here rather than by the notifier; once the dialog
  // closes, the notifier tells it.
  useEffect(() => {
    if (!running) return;
    shownHere.add(running.id);
    return () => void shownHere.delete(running.id);
  }, [running]);
  const ended = job.data && running && job.data.id === running.id && !isActive(job.data) ? job.data : null;
  useEffect(() => {
    if (!ended || !running) return;
    const finish = async (j: Job) => {
      setRunning(null);
      setBusy(false);
      if (j.state === 'failed') setProblem(problemOf(j, i18n.language));
      else if (j.state === 'cancelled') void message.info(t('jobs.importStopped'));
      else if (running.preview) setPending({ file: running.file, report: j.result as Report });
      else {
        const r = j.result as Report;
        void message.success(r.updated !== undefined ? t(kind!.doneText ?? 'engineers.importDone', { created: n(r.created), updated: n(r.updated), unchanged: n(r.unchanged) }) : t(kind!.ok, { count: r.rows }));
        await qc.invalidateQueries({ queryKey: [...(kind!.refresh ?? ['engineers'])] });
        close();
      }
    };
    void finish(ended);
    // Once per ended job.
  }, [ended?.id, ended?.state]);
  const upload = async (file: File, confirmed = false) => {
    setBusy(true);
    setProblem(null);
    setPending(null);
    try {
      const preview = !!kind!.preview && !confirmed;
      const j = (await uploadSheet(preview ? `${kind!.url}?dry_run=true` : kind!.url, file)) as Job;
      setRunning({ id: j.id, file, preview });
    } catch (e) {
      setBusy(false);
      if (e instanceof ApiError) setProblem(e.problem);
      else setProblem({ type: '', title: String(e), status: 0, code: 'client' });
    }
  };
  const progress = running && job.data?.id === running.id ? job.data : null;
  const reading = !progress || progress.state === 'queued' ? t('jobs.importQueued') : t('jobs.importReading', { done: n(progress.done), total: n(Math.max(progress.total, progress.done)) });
  return (
    <Modal open={!!kind} title={kind ? t(kind.title) : ''} onCancel={close} footer={null} width={760} destroyOnHidden>
      <Space direction="vertical" style={{ width: '100%' }}>
        <Typography.Text>{kind ? t(kind.hint) : ''}</Typography.Text>
        {kind?.catalogue && <Link to="/courses">{t('courses.open')}</Link>}
        <Space>
          <Upload accept=".xlsx,.csv" showUploadList={false} beforeUpload={(f) => (void upload(f), false)}>
            <Button type="primary" loading={busy} data-testid="import-choose">
              {t('engineers.chooseFile')}
            </Button>
          </Upload>
          {kind?.template && <Button href={kind.template}>{t('engineers.template')}</Button>}
        </Space>
        {running && (
          <Space direction="vertical" style={{ width: '100%' }} data-testid="import-progress">
            <Typography.Text type="secondary">{reading}</Typography.Text>
            <Progress percent={progress ? percentOf(progress) : 0} status="active" aria-label={reading} />
            <Button size="small" onClick={() => void cancelJob(running.id).catch(() => undefined)} disabled={!!progress?.cancel_requested}>
              {progress?.cancel_requested ? t('jobs.cancelling') : t('jobs.importCancel')}
            </Button>
          </Space>
        )}
        {pending && (
          <Alert
            type={pending.report.updated ? 'warning' : 'info'}
            showIcon
            data-testid="import-preview"
            title={t(kind?.previewText ?? 'engineers.importPreview', { created: n(pending.report.created), updated: n(pending.report.updated), unchanged: n(pending.report.unchanged) })}
            description={
              <Space direction="vertical" style={{ width: '100%' }}>
                {!!pending.report.changes?.length && (
                  <Table
                    size="small"
                    rowKey={(r) => `${r.row}-${r.field}`}
                    pagination={{ pageSize: 10, hideOnSinglePage: true }}
                    scroll={{ x: 'max-content' }}
                    dataSource={pending.report.changes.flatMap((c) => c.fields.map((f) => ({ ...f, row: c.row, employee_no: c.employee_no, name: c.name })))}
                    columns={[
                      { title: t('engineers.row'), dataIndex: 'row', width: 60 },
                      { title: t('engineers.employeeNo'), dataIndex: 'employee_no' },
                      { title: t('engineers.name'), dataIndex: 'name' },
                      { title: t('engineers.column'), dataIndex: 'column' },
                      { title: t('engineers.before'), dataIndex: 'before' },
                      { title: t('engineers.after'), dataIndex: 'after' },
                    ]}
                  />
                )}
                {!!pending.report.changes?.length && (pending.report.updated ?? 0) > pending.report.changes.length && <Typography.Text type="secondary">{t('engineers.moreChanges', { count: pending.report.changes.length })}</Typography.Text>}
                {!!pending.report.warnings?.length && (
                  <Space direction="vertical" style={{ width: '100%' }} data-testid="import-warnings">
                    <Typography.Text>{t(kind?.similar ?? 'engineers.message')}</Typography.Text>
                    <Table
                      size="small"
                      rowKey={(r) => `${r.row}-${r.field}`}
                      pagination={{ pageSize: 10, hideOnSinglePage: true }}
                      dataSource={pending.report.warnings as unknown as ReportWarning[]}
                      columns={[
                        { title: t('engineers.row'), dataIndex: 'row', width: 60 },
                        { title: t('engineers.message'), render: (_: unknown, w: ReportWarning) => (i18n.language === 'en' ? w.message.en : w.message.zh) },
                      ]}
                    />
                  </Space>
                )}
                <Space>
                  <Button type="primary" loading={busy} data-testid="import-confirm" onClick={() => void upload(pending.file, true)} disabled={!pending.report.created && !pending.report.updated}>
                    {t('engineers.importConfirm')}
                  </Button>
                  <Button onClick={() => setPending(null)}>{t('common.cancel')}</Button>
                </Space>
              </Space>
            }
          />
        )}
        {problem && (
          <Alert
            type="error"
            showIcon
            data-testid="import-errors"
            title={problem.errors?.length ? t('engineers.importFailed', { count: problem.errors.length }) : problem.title}
            description={<ProblemList problem={problem} />}
          />
        )}
      </Space>
    </Modal>
  );
}

