// Uploading a sheet that is checked as a whole: the template to start from, and every row's problem
// listed when nothing was imported.
import { useState } from 'react';
import { Alert, Button, Modal, Space, Typography, Upload, message } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { ApiError, type Problem } from '../api/client';
import { uploadSheet } from './engineers/api';
import ProblemList from './ProblemList';

// url: where the file goes; title/hint/ok: i18n keys; refresh: the queries that show what was imported.
export type ImportKind = { url: string; title: string; hint: string; ok: string; template?: string; refresh?: readonly unknown[]; catalogue?: boolean };

export default function ImportDialog({ kind, onClose }: { kind: ImportKind | null; onClose: () => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [problem, setProblem] = useState<Problem | null>(null);
  const [busy, setBusy] = useState(false);
  const upload = async (file: File) => {
    setBusy(true);
    setProblem(null);
    try {
      const r = await uploadSheet(kind!.url, file);
      void message.success(t(kind!.ok, { count: r.rows }));
      await qc.invalidateQueries({ queryKey: [...(kind!.refresh ?? ['engineers'])] });
      onClose();
    } catch (e) {
      if (e instanceof ApiError) setProblem(e.problem);
      else setProblem({ type: '', title: String(e), status: 0, code: 'client' });
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal open={!!kind} title={kind ? t(kind.title) : ''} onCancel={onClose} footer={null} width={760} destroyOnHidden>
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

