// The question editor, a drawer: a new question or a saved one (with its version history), for each
// type. The server checks every rule; its per-field errors are shown on the fields they name (a
// case's sub-question's too). A save that finds questions much like this one in the bank keeps the
// drawer open and names them. Readers (examiners, auditors) see the same drawer with nothing to change.
import { useEffect, useRef, useState } from 'react';
import { Alert, Button, ConfigProvider, Divider, Drawer, Flex, Form, Grid, Space, Tag, Typography, message, theme } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client';
import { useSubmit } from '../forms';
import { useLevelLabels } from '../schemes/levels';
import { ErrorState } from '../ui';
import { createQuestion, questionQuery, updateQuestion, useQuestion, warningsOf, type QuestionDetail, type SaveWarning } from './api';
import { formPath, freshQuestion, toFormValues, toInput, type FieldPath, type FormValues } from './form';
import { CaseParts, CommonFields, ExplanationFields } from './QuestionFields';
import { ReadOnly, StemFields, TypeFields } from './TypeFields';
import { ImagesField } from './ImagesField';
import VersionHistory from './VersionHistory';

// 'new': a question to create; a number: that question; null: closed.
export type EditorTarget = number | 'new' | null;
type Notice = { code: string; version: number; warnings: SaveWarning[] };

// A field with an error is scrolled to within the drawer, never the page behind it.
const toField = { block: 'center', behavior: 'smooth', boundary: (el: Element) => !el.classList.contains('ant-drawer-body') } as const;

export default function QuestionEditor({
  target,
  canWrite,
  onClose,
  onSaved,
  onRetire,
}: {
  target: EditorTarget;
  canWrite: boolean;
  onClose: () => void;
  onSaved: (id: number) => void;  // a new question was saved with warnings: the editor goes on with it
  onRetire: (q: QuestionDetail) => void;
}) {
  const { t, i18n } = useTranslation();
  const qc = useQueryClient();
  const wide = Grid.useBreakpoint().md ?? true;
  const levels = useLevelLabels();
  const [form] = Form.useForm<FormValues>();
  const id = typeof target === 'number' ? target : null;
  const detail = useQuestion(id);
  const question = id !== null ? detail.data : undefined;
  const [notice, setNotice] = useState<Notice | null>(null);
  const [unplaced, setUnplaced] = useState<string[]>([]);
  const top = useRef<HTMLDivElement>(null);
  const type = Form.useWatch('type', form);
  const lang = i18n.language === 'en' ? 'en' : 'zh';
  const { token } = theme.useToken();

  // A new question starts blank; a saved one as the server has it (again after each new version).
  useEffect(() => {
    if (target !== 'new') return;
    form.resetFields();
    form.setFieldsValue(freshQuestion());
  }, [target]);
  useEffect(() => {
    if (!question) return;
    form.resetFields();
    form.setFieldsValue(toFormValues(question));
  }, [question?.id, question?.version_id]);

  const toTop = () => top.current?.closest('.ant-drawer-body')?.scrollTo({ top: 0, behavior: 'smooth' });
  const close = () => {
    setNotice(null);
    setUnplaced([]);
    onClose();
  };

  // The server's field errors on the fields they name; those the form does not show are listed above it.
  const place = (e: ApiError) => {
    const byPath = new Map<string, { name: FieldPath; errors: string[] }>();
    for (const x of e.problem.errors ?? []) {
      const name = formPath(x.field);
      const key = JSON.stringify(name);
      byPath.set(key, { name, errors: [...(byPath.get(key)?.errors ?? []), x.message] });
    }
    const fields = [...byPath.values()];
    form.setFields(fields as never);
    const shown = fields.filter((f) => form.getFieldError(f.name as never).length > 0);
    setUnplaced(fields.filter((f) => !shown.includes(f)).flatMap((f) => f.errors));
    if (shown.length) form.scrollToField(shown[0].name as never, toField);
    else toTop();
  };

  const { busy, submit } = useSubmit<FormValues>(form, async () => {
    setNotice(null);
    setUnplaced([]);
    const input = toInput(form.getFieldsValue(true) as FormValues);
    let saved: QuestionDetail;
    try {
      saved = id === null ? await createQuestion(input) : await updateQuestion(id, input, question?.version);
    } catch (e) {
      // A problem without field errors is shown as a message by useSubmit.
      if (e instanceof ApiError && e.problem.errors?.length) return place(e);
      throw e;
    }
    qc.setQueryData(questionQuery(saved.id!).queryKey, saved);
    await qc.invalidateQueries({ queryKey: ['questions'] });
    const warnings = warningsOf(saved);
    if (warnings.length) {
      setNotice({ code: saved.code, version: saved.version ?? 1, warnings });
      if (id === null) onSaved(saved.id!);
      toTop();
      return;
    }
    void (saved.changed === false ? message.info(t('questions.unchanged')) : message.success(t('questions.saved', { code: saved.code, version: saved.version })));
    close();
  });

  const title =
    target === 'new' ? (
      t('questions.create')
    ) : question ? (
      <Space wrap size={4}>
        <span>{t(canWrite ? 'questions.editTitle' : 'questions.viewTitle', { code: question.code })}</span>
        <Tag>v{question.version}</Tag>
        {question.retired && <Tag color="red">{t('questions.retiredState')}</Tag>}
      </Space>
    ) : (
      ''
    );
  const saveOnKeys = (e: React.KeyboardEvent) => {
    if (canWrite && e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      form.submit();
    }
  };
  return (
    <Drawer
      open={target !== null}
      onClose={close}
      title={title}
      size={wide ? 840 : '100%'}
      forceRender
      loading={id !== null && detail.isLoading}
      data-testid="question-editor"
      extra={
        canWrite &&
        question &&
        !question.retired && (
          <Button danger onClick={() => onRetire(question)} data-testid="editor-retire">
            {t('questions.retire')}
          </Button>
        )
      }
      footer={
        canWrite ? (
          <Flex justify="space-between" align="center" gap={8}>
            <Typography.Text type="secondary">{wide && t('questions.saveKeys')}</Typography.Text>
            <Space>
              <Button onClick={close}>{t('common.cancel')}</Button>
              <Button type="primary" loading={busy} onClick={() => form.submit()} data-testid="question-save">
                {t('questions.save')}
              </Button>
            </Space>
          </Flex>
        ) : (
          <Flex justify="end">
            <Button onClick={close}>{t('common.close')}</Button>
          </Flex>
        )
      }
    >
      <div ref={top} onKeyDown={saveOnKeys}>
        {id !== null && detail.error ? (
          <ErrorState error={detail.error} onRetry={() => void detail.refetch()} />
        ) : (
          <>
            {notice && (
              <Alert
                type="warning"
                showIcon
                style={{ marginBottom: 16 }}
                data-testid="similar-warning"
                title={t('questions.similar', { code: notice.code, version: notice.version })}
                description={
                  <>
                    <ul style={{ margin: '0 0 12px', paddingInlineStart: 20 }}>
                      {notice.warnings.map((w, i) => (
                        <li key={i}>{w.message[lang] || w.message.zh}</li>
                      ))}
                    </ul>
                    <Space wrap>
                      <Button size="small" type="primary" onClick={close} data-testid="similar-close">
                        {t('common.close')}
                      </Button>
                      <Button size="small" onClick={() => setNotice(null)}>
                        {t('questions.keepEditing')}
                      </Button>
                    </Space>
                  </>
                }
              />
            )}
            {unplaced.length > 0 && (
              <Alert
                type="error"
                showIcon
                style={{ marginBottom: 16 }}
                title={t('questions.problems')}
                description={
                  <ul style={{ margin: 0, paddingInlineStart: 20 }}>
                    {unplaced.map((m, i) => (
                      <li key={i}>{m}</li>
                    ))}
                  </ul>
                }
              />
            )}
            {!canWrite && <Alert type="info" showIcon style={{ marginBottom: 16 }} title={t('questions.readOnly')} />}
            <ReadOnly.Provider value={!canWrite}>
              {/* A reader's fields cannot change, but stay as legible as text (antd greys disabled ones out). */}
              <ConfigProvider theme={canWrite ? undefined : { token: { colorTextDisabled: token.colorText, colorBgContainerDisabled: token.colorFillQuaternary } }}>
                <Form
                  form={form}
                  layout="vertical"
                  disabled={!canWrite}
                  requiredMark={canWrite}
                  onFinish={() => void submit(form.getFieldsValue(true))}
                  scrollToFirstError={toField}
                >
                  <CommonFields existing={question} levels={levels} autoFocus={target === 'new'} />
                  <StemFields at={[]} name={[]} type={type ?? 'single'} />
                  <ImagesField name={[]} />
                  {type === 'case' ? <CaseParts /> : <TypeFields at={[]} name={[]} type={type ?? 'single'} />}
                  <ExplanationFields name={[]} />
                </Form>
              </ConfigProvider>
            </ReadOnly.Provider>
            {question && (
              <>
                <Divider />
                <VersionHistory question={question} />
              </>
            )}
          </>
        )}
      </div>
    </Drawer>
  );
}
