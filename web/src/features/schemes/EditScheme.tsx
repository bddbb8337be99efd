import { useEffect, useState } from 'react';
import { Alert, Input, Modal, Space, Typography, message } from 'antd';
import { useTranslation } from 'react-i18next';
import { ApiError, type Problem } from '../../api/client';
import ProblemList from '../ProblemList';
import { fetchSchemeSource, importScheme } from './api';

// Edits the TOML source in the browser; saving makes a new version (used versions never change).
export default function EditScheme({ id, version, code, onClose }: { id: number; version: number; code: string; onClose: (saved?: number) => void }) {
  const { t } = useTranslation();
  const [text, setText] = useState<string | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    let live = true;
    void fetchSchemeSource(id, version).then((x) => live && setText(x));
    return () => {
      live = false;
    };
  }, [id, version]);
  const save = async () => {
    setBusy(true);
    setProblem(null);
    try {
      const s = await importScheme(text ?? '', `${code}.toml`);
      void message.success(t('schemes.imported', { version: s.version }));
      onClose(s.version);
    } catch (e) {
      setProblem(e instanceof ApiError ? e.problem : { type: '', title: String(e), status: 0, code: 'client' });
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal open title={t('schemes.edit')} width={900} onCancel={() => onClose()} onOk={() => void save()} okText={t('schemes.saveVersion')} confirmLoading={busy} cancelText={t('common.cancel')}>
      <Space direction="vertical" style={{ width: '100%' }}>
        <Typography.Text type="secondary">{t('schemes.editHint')}</Typography.Text>
        {problem && <Alert type="error" showIcon title={problem.title} description={<ProblemList problem={problem} />} />}
        <Input.TextArea
          data-testid="scheme-source"
          value={text ?? ''}
          onChange={(e) => setText(e.target.value)}
          autoSize={{ minRows: 16, maxRows: 28 }}
          style={{ fontFamily: 'monospace', fontSize: 12 }}
          spellCheck={false}
        />
      </Space>
    </Modal>
  );
}
