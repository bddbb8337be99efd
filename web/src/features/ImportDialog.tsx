// Uploading a sheet that is checked as a whole: the template to start from, and every row's problem
// listed when nothing was imported.
import { useState } from 'react';
import { Alert, Button, Modal, Space, Table, Typography, Upload, message } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { ApiError, type Problem, type Schemas } from '../api/client';
import { uploadSheet } from './engineers/api';
import ProblemList from './ProblemList';

// url: where the file goes; title/hint/ok: i18n keys; refresh: the queries that show what was imported.
// preview: the file is checked first (a dry run) and what it would create and change is shown before it is imported.
export type ImportKind = { url: string; title: string; hint: string; ok: string; template?: string; refresh?: readonly unknown[]; catalogue?: boolean; preview?: boolean };
type Report = Schemas['ImportReport'];

export default function ImportDialog({ kind, onClose }: { kind: ImportKind | null; onClose: () => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [problem, setProblem] = useState<Problem | null>(null);
  const [busy, setBusy] = useState(false);
  const [pending, setPending] = useState<{ file: File; report: Report } | null>(null);
  const close = () => {
    setPending(null);
    setProblem(null);
    onClose();
  };
  const upload = async (file: File, confirmed = false) => {
    setBusy(true);
    setProblem(null);
    try {
      if (kind!.preview && !confirmed) {
        setPending({ file, report: (await uploadSheet(`${kind!.url}?dry_run=true`, file)) as Report });
        return;
      }
      const r = (await uploadSheet(kind!.url, file)) as Report;
      void message.success(r.updated !== undefined ? t('engineers.importDone', { created: r.created, updated: r.updated, unchanged: r.unchanged }) : t(kind!.ok, { count: r.rows }));
      await qc.invalidateQueries({ queryKey: [...(kind!.refresh ?? ['engineers'])] });
      close();
    } catch (e) {
      setPending(null);
      if (e instanceof ApiError) setProblem(e.problem);
      else setProblem({ type: '', title: String(e), status: 0, code: 'client' });
    } finally {
      setBusy(false);
    }
  };
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
        {pending && (
          <Alert
            type={pending.report.updated ? 'warning' : 'info'}
            showIcon
            data-testid="import-preview"
            title={t('engineers.importPreview', { created: pending.report.created ?? 0, updated: pending.report.updated ?? 0, unchanged: pending.report.unchanged ?? 0 })}
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
                {(pending.report.updated ?? 0) > (pending.report.changes?.length ?? 0) && <Typography.Text type="secondary">{t('engineers.moreChanges', { count: pending.report.changes?.length ?? 0 })}</Typography.Text>}
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

