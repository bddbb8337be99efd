import { useState } from 'react';
import { Button, Card, Grid, Space, message } from 'antd';
import { useSearchParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { hasRole, useUser } from '../features/auth/auth';
import { useAction } from '../features/forms';
import ImportDialog, { type ImportKind } from '../features/ImportDialog';
import { EXPORT_URL, IMPORT_URL, retireQuestion, TEMPLATE_URL, type Question } from '../features/questions/api';
import { DEFAULT_QUERY, paramsFromQuery, queryFromParams } from '../features/questions/filters';
import QuestionEditor, { type EditorTarget } from '../features/questions/QuestionEditor';
import QuestionList from '../features/questions/QuestionList';
import RetireDialog, { type Retiring } from '../features/questions/RetireDialog';

const IMPORT: ImportKind = {
  url: IMPORT_URL,
  title: 'questions.importTitle',
  hint: 'questions.importHint',
  ok: 'questions.importOk',
  template: TEMPLATE_URL,
  refresh: ['questions'],
  preview: true,
  previewText: 'questions.importPreview',
  doneText: 'questions.importDone',
  similar: 'questions.importSimilar',
};

// The question bank (题库): HR and administrators keep it; examiners and auditors read it with its keys.
export default function QuestionsPage() {
  const { t } = useTranslation();
  const user = useUser();
  const canWrite = hasRole(user, 'admin', 'hr');
  // The filters and the page live in the URL: they survive a reload, and a link shares them.
  const [params, setParams] = useSearchParams();
  const query = queryFromParams(params);
  const [editing, setEditing] = useState<EditorTarget>(null);
  const [retiring, setRetiring] = useState<Retiring | null>(null);
  const [importing, setImporting] = useState<ImportKind | null>(null);
  const act = useAction(['questions']);
  const wide = Grid.useBreakpoint().md ?? true;
  const retire = (q: Question) => setRetiring({ id: q.id!, code: q.code });
  const restore = (q: Question) =>
    act(async () => {
      await retireQuestion(q.id!, false);
      void message.success(t('questions.restored', { code: q.code }));
    });
  const actions = (
    <Space wrap>
      {canWrite && (
        <Button type="primary" onClick={() => setEditing('new')} data-testid="create-question">
          {t('questions.create')}
        </Button>
      )}
      {canWrite && (
        <Button onClick={() => setImporting(IMPORT)} data-testid="open-import">
          {t('questions.import')}
        </Button>
      )}
      <Button href={EXPORT_URL} data-testid="export-questions">
        {t('questions.export')}
      </Button>
    </Space>
  );
  return (
    // On a phone the buttons go under the title, which they would otherwise squeeze out.
    <Card title={t('questions.title')} extra={wide && actions}>
      {!wide && <div style={{ marginBottom: 12 }}>{actions}</div>}
      <QuestionList
        query={query}
        onQuery={(q) => setParams(paramsFromQuery(q), { replace: true })}
        onReset={() => setParams(paramsFromQuery(DEFAULT_QUERY), { replace: true })}
        canWrite={canWrite}
        onOpen={setEditing}
        onRetire={retire}
        onRestore={(q) => void restore(q)}
      />
      <QuestionEditor target={editing} canWrite={canWrite} onClose={() => setEditing(null)} onSaved={setEditing} onRetire={retire} />
      <RetireDialog
        question={retiring}
        onClose={(done) => {
          setRetiring(null);
          if (done) setEditing(null);
        }}
      />
      <ImportDialog kind={importing} onClose={() => setImporting(null)} />
    </Card>
  );
}
