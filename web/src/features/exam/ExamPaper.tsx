// The exam as the candidate takes it, phone first: one question (or all) with a navigator of
// answered and flagged marks, a countdown from the server's clock, and every answer saved as it
// changes (on the device, then on the server: "saved" only once acknowledged). Copying, pasting
// and the context menu are blocked on the paper; leaving the page is reported to the proctor. A
// sitting with webcam snapshots asks for consent over the paper and shows its status in the header.
import { Alert, Badge, Button, Card, Checkbox, Drawer, Grid, Input, Modal, Radio, Space, Tag, Typography, message } from 'antd';
import { FlagOutlined, FlagFilled, UnorderedListOutlined } from '@ant-design/icons';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { AnswerBook, isAnswered, type AnswerValue } from './answers';
import { reportFocusLoss, saveAnswer, submitAttempt, type AttemptView, type PaperQuestion } from './api';
import { deviceStore } from './store';
import { formatScore } from '../format';
import { QuestionImages } from '../questions/ImagesField';
import { Snapshots } from './Snapshots';

const letter = (i: number) => String.fromCharCode(65 + i);

function useBook(attempt: AttemptView, onFatal: (code: string, message: string) => void) {
  const book = useMemo(
    () => new AnswerBook(attempt.id!, deviceStore, (q, seq, v) => saveAnswer(attempt.id!, q, seq, v), onFatal),
    // One book per attempt: the callbacks it holds read the latest state through refs.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [attempt.id],
  );
  const [, setVersion] = useState(0);
  useEffect(() => book.subscribe(() => setVersion((v) => v + 1)), [book]);
  return book;
}

// The remaining time from the server's clock (the difference to this device's clock is taken once).
function useRemaining(deadline: string, serverNow: string) {
  const skew = useMemo(() => Date.parse(serverNow) - Date.now(), [serverNow]);
  const end = Date.parse(deadline);
  const [now, setNow] = useState(() => Math.floor((Date.now() + skew) / 1000));
  useEffect(() => {
    const timer = setInterval(() => setNow(Math.floor((Date.now() + skew) / 1000)), 500);
    return () => clearInterval(timer);
  }, [skew]);
  return Math.max(0, Math.floor(end / 1000) - now);
}

const clock = (s: number) => {
  const h = Math.floor(s / 3600), m = Math.floor((s % 3600) / 60), sec = s % 60;
  const two = (n: number) => String(n).padStart(2, '0');
  return h ? `${h}:${two(m)}:${two(sec)}` : `${two(m)}:${two(sec)}`;
};

// The candidate number over the paper, faint and tilted.
function watermark(text: string) {
  const svg = `<svg xmlns='http://www.w3.org/2000/svg' width='220' height='140'><text x='10' y='90' transform='rotate(-24 110 70)' fill='rgba(0,0,0,0.07)' font-size='18' font-family='sans-serif'>${text}</text></svg>`;
  return `url("data:image/svg+xml,${encodeURIComponent(svg)}")`;
}

function QuestionInput({ q, value, disabled, onChange }: { q: PaperQuestion; value: AnswerValue | undefined; disabled: boolean; onChange: (v: AnswerValue) => void }) {
  const { t, i18n } = useTranslation();
  const label = (l: { zh?: string; en?: string } | undefined) => (i18n.language === 'en' && l?.en ? l.en : l?.zh ?? '');
  const options = (q.options ?? []).map((o, i) => ({ value: o.key!, label: <span>{letter(i)}. {label(o.label)}</span> }));
  const [draft, setDraft] = useState<string | undefined>(undefined);
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  useEffect(() => () => clearTimeout(timer.current), []);
  if (q.type === 'single')
    return <Radio.Group disabled={disabled} value={value ?? undefined} onChange={(e) => onChange(e.target.value)} options={options} style={{ display: 'flex', flexDirection: 'column', gap: 12 }} />;
  if (q.type === 'multiple')
    return (
      <Checkbox.Group disabled={disabled} value={(value as string[] | undefined) ?? []} onChange={(v) => onChange((q.options ?? []).map((o) => o.key!).filter((k) => (v as string[]).includes(k)))}
        options={options} style={{ display: 'flex', flexDirection: 'column', gap: 12 }} />
    );
  if (q.type === 'true_false')
    return (
      <Radio.Group disabled={disabled} value={value ?? undefined} onChange={(e) => onChange(e.target.value)} optionType="button" buttonStyle="solid"
        options={[{ value: true, label: t('exam.true') }, { value: false, label: t('exam.false') }]} />
    );
  if (q.type === 'fill_blank') {
    const n = q.blanks ?? 1;
    const v = (value as string[] | undefined) ?? [];
    return (
      <Space direction="vertical" style={{ width: '100%' }}>
        {Array.from({ length: n }, (_, i) => (
          <Input key={i} disabled={disabled} aria-label={t('exam.blank', { n: i + 1 })} addonBefore={t('exam.blank', { n: i + 1 })} maxLength={200}
            value={v[i] ?? ''} onChange={(e) => onChange(Array.from({ length: n }, (_, k) => (k === i ? e.target.value : v[k] ?? '')))} />
        ))}
      </Space>
    );
  }
  // A short answer: saved a moment after typing stops, and when the field is left.
  const text = draft ?? (value as string | undefined) ?? '';
  return (
    <Input.TextArea disabled={disabled} aria-label={t('exam.yourAnswer')} autoSize={{ minRows: 5 }} maxLength={5000} showCount value={text}
      onChange={(e) => {
        const next = e.target.value;
        setDraft(next);
        clearTimeout(timer.current);
        timer.current = setTimeout(() => onChange(next), 800);
      }}
      onBlur={() => {
        clearTimeout(timer.current);
        if (draft !== undefined && draft !== value) onChange(draft);
      }} />
  );
}

export function ExamPaper({ attempt, onDone }: { attempt: AttemptView; onDone: (a: AttemptView) => void }) {
  const { t, i18n } = useTranslation();
  const wide = Grid.useBreakpoint().md ?? true;
  const questions = useMemo(() => attempt.questions ?? [], [attempt]);
  const answerable = useMemo(() => questions.filter((q) => q.type !== 'case'), [questions]);
  const caseOf = useMemo(() => new Map(questions.filter((q) => q.type === 'case').map((q) => [q.question_id!, q])), [questions]);
  const [stopped, setStopped] = useState<{ code: string; message: string } | null>(null);
  const onFatal = useCallback((code: string, msg: string) => setStopped({ code, message: msg }), []);
  const book = useBook(attempt, onFatal);
  const [opened, setOpened] = useState(false);
  const [current, setCurrent] = useState(0);
  const [all, setAll] = useState(false);
  const [navOpen, setNavOpen] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [submitting, setSubmitting] = useState(false);
  const [focus, setFocus] = useState({ losses: attempt.focus_losses ?? 0, flagged: attempt.flagged ?? false });
  const flagsKey = `sg.exam.flags.${attempt.id}`;
  const [flags, setFlags] = useState<number[]>(() => JSON.parse(localStorage.getItem(flagsKey) ?? '[]'));
  const remaining = useRemaining(attempt.deadline!, attempt.server_now!);
  const text = (l: { zh?: string; en?: string } | undefined) => (i18n.language === 'en' && l?.en ? l.en : l?.zh ?? '');

  useEffect(() => {
    const types = new Map(answerable.map((q) => [q.question_id!, q.type!]));
    void book.open((attempt.answers ?? []).map((a) => ({ question_id: a.question_id!, seq: a.seq!, answer: a.answer ?? [] })), (id) => types.get(id) ?? 'single').then(() => setOpened(true));
    const online = () => book.flush();
    window.addEventListener('online', online);
    return () => {
      window.removeEventListener('online', online);
      book.stop();
    };
  }, [book, attempt, answerable]);

  const submit = useCallback(async () => {
    setSubmitting(true);
    await book.settle();
    try {
      onDone(await submitAttempt(attempt.id!));
    } catch (e) {
      // Not reached (offline): tried again a little later, also when time is up.
      void message.error(e instanceof Error ? e.message : String(e));
      setTimeout(() => setSubmitting(false), 3000);
    }
  }, [book, attempt.id, onDone]);

  // Time is up: nothing more is typed; what waits is sent and the attempt submitted.
  const timeUp = remaining === 0;
  useEffect(() => {
    if (timeUp && !submitting) void submit();
  }, [timeUp, submitting, submit]);

  // Leaving the page (another app, another tab): reported with its length when the candidate returns.
  useEffect(() => {
    let left = 0;
    const change = () => {
      if (document.visibilityState === 'hidden') {
        left = Date.now();
        return;
      }
      if (!left) return;
      const seconds = Math.round((Date.now() - left) / 1000);
      left = 0;
      reportFocusLoss(attempt.id!, seconds)
        .then((a) => {
          setFocus({ losses: a.focus_losses ?? 0, flagged: a.flagged ?? false });
          if (a.status !== 'in_progress') void submit();
          else void message.warning(t('exam.focusWarning', { count: a.focus_losses ?? 0, limit: attempt.sitting?.focus_limit ?? 0 }));
        })
        .catch(() => undefined);
    };
    document.addEventListener('visibilitychange', change);
    return () => document.removeEventListener('visibilitychange', change);
  }, [attempt.id, attempt.sitting?.focus_limit, submit, t]);

  if (stopped) {
    const takenOver = stopped.code === 'exam.taken_over';
    return <Alert type={takenOver ? 'warning' : 'info'} showIcon title={takenOver ? t('exam.takenOver') : t('exam.stoppedTitle')} description={stopped.message} />;
  }

  const status = book.status();
  const toggleFlag = (id: number) => {
    const next = flags.includes(id) ? flags.filter((x) => x !== id) : [...flags, id];
    setFlags(next);
    localStorage.setItem(flagsKey, JSON.stringify(next));
  };
  const unanswered = answerable.map((q, i) => ({ q, n: i + 1 })).filter(({ q }) => !isAnswered(book.value(q.question_id!)));
  const blockCopy = (e: React.SyntheticEvent) => {
    e.preventDefault();
    void message.warning(t('exam.noCopy'));
  };

  const card = (q: PaperQuestion, i: number) => {
    const id = q.question_id!;
    const parent = q.case_id ? caseOf.get(q.case_id) : undefined;
    const showCase = parent && (all ? answerable[i - 1]?.case_id !== q.case_id : true);
    return (
      <Card key={id} size="small" style={{ marginBottom: 12 }} data-question={id}
        title={<span>{t('exam.number', { n: i + 1, total: answerable.length })} · {t(`exam.types.${q.type}`)} · {t('exam.points', { points: formatScore((q.points ?? 0) / 100) })}</span>}
        extra={
          <Space size={4}>
            {!book.isSaved(id) && <Tag color="orange">{t('exam.unsaved')}</Tag>}
            <Button type="text" size="small" aria-pressed={flags.includes(id)} icon={flags.includes(id) ? <FlagFilled style={{ color: '#fa8c16' }} /> : <FlagOutlined />} onClick={() => toggleFlag(id)}>
              {wide ? t('exam.flag') : null}
            </Button>
          </Space>
        }>
        {showCase && (
          <Alert type="info" style={{ marginBottom: 12 }} title={t('exam.caseTitle')} description={<><div style={{ whiteSpace: 'pre-wrap' }}>{text(parent.stem)}</div><QuestionImages ids={parent.images} /></>} />
        )}
        <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', fontSize: 16 }}>{text(q.stem)}</Typography.Paragraph>
        <QuestionImages ids={q.images} />
        <QuestionInput q={q} value={book.value(id)} disabled={timeUp || submitting || !opened} onChange={(v) => void book.set(id, v)} />
      </Card>
    );
  };

  const navigator = (
    <div role="navigation" aria-label={t('exam.navigator')} style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(44px, 1fr))', gap: 8 }}>
      {answerable.map((q, i) => {
        const id = q.question_id!;
        const done = isAnswered(book.value(id));
        return (
          <Badge key={id} dot={flags.includes(id)} color="orange">
            <Button style={{ width: 44, boxShadow: i === current ? '0 0 0 3px #91caff' : undefined }} type={done ? 'primary' : 'default'} danger={!book.isSaved(id)}
              aria-current={i === current ? 'step' : undefined}
              aria-label={t('exam.goTo', { n: i + 1 }) + (done ? ` · ${t('exam.answered')}` : '') + (flags.includes(id) ? ` · ${t('exam.flagged')}` : '')}
              onClick={() => {
                setCurrent(i);
                setNavOpen(false);
                if (all) document.querySelector(`[data-question="${id}"]`)?.scrollIntoView({ behavior: 'smooth' });
              }}>
              {i + 1}
            </Button>
          </Badge>
        );
      })}
    </div>
  );

  return (
    <div onCopy={blockCopy} onCut={blockCopy} onPaste={blockCopy} onContextMenu={blockCopy}
      style={{ backgroundImage: watermark(attempt.candidate_no ?? ''), userSelect: 'none', minHeight: '70vh' }}>
      <div style={{ position: 'sticky', top: 0, zIndex: 5, background: 'rgba(255,255,255,0.96)', padding: '8px 0', marginBottom: 8, borderBottom: '1px solid #f0f0f0' }}>
        <Space wrap style={{ width: '100%', justifyContent: 'space-between' }}>
          <Space wrap size={8}>
            <Typography.Text strong role="timer" aria-label={t('exam.remaining')} style={{ fontSize: 18, color: remaining < 300 ? '#cf1322' : undefined }}>
              {clock(remaining)}
            </Typography.Text>
            <Tag data-testid="save-status" color={status === 'saved' ? 'green' : status === 'offline' ? 'red' : 'blue'}>{t(`exam.status.${status}`)}</Tag>
            <Typography.Text type="secondary">{t('exam.progress', { done: answerable.length - unanswered.length, total: answerable.length })}</Typography.Text>
            <Snapshots attempt={attempt} active={!timeUp && !submitting} />
          </Space>
          <Space size={8}>
            {!wide && <Button icon={<UnorderedListOutlined />} onClick={() => setNavOpen(true)} aria-label={t('exam.navigator')} />}
            <Button onClick={() => setAll(!all)}>{all ? t('exam.oneByOne') : t('exam.showAll')}</Button>
            <Button type="primary" disabled={submitting || timeUp} onClick={() => setConfirming(true)}>{t('exam.submit')}</Button>
          </Space>
        </Space>
      </div>
      {status === 'offline' && <Alert type="warning" showIcon style={{ marginBottom: 12 }} title={t('exam.offline')} />}
      {timeUp && <Alert type="info" showIcon style={{ marginBottom: 12 }} title={t('exam.timeUp')} />}
      {focus.flagged && <Alert type="warning" showIcon style={{ marginBottom: 12 }} title={t('exam.flaggedForProctor')} />}
      <div style={{ display: 'flex', gap: 16, alignItems: 'flex-start' }}>
        <div style={{ flex: 1, minWidth: 0 }}>
          {all ? answerable.map(card) : answerable[current] && card(answerable[current], current)}
          {!all && (
            <Space style={{ width: '100%', justifyContent: 'space-between' }}>
              <Button disabled={current === 0} onClick={() => setCurrent(current - 1)}>{t('exam.previous')}</Button>
              <Button disabled={current >= answerable.length - 1} type="primary" ghost onClick={() => setCurrent(current + 1)}>{t('exam.next')}</Button>
            </Space>
          )}
        </div>
        {wide && <Card size="small" title={t('exam.navigator')} style={{ width: 260, position: 'sticky', top: 64 }}>{navigator}</Card>}
      </div>
      <Drawer open={navOpen} onClose={() => setNavOpen(false)} placement="bottom" title={t('exam.navigator')}>{navigator}</Drawer>
      <Modal open={confirming} title={t('exam.confirmSubmit')} okText={t('exam.submit')} cancelText={t('common.cancel')} confirmLoading={submitting}
        onCancel={() => setConfirming(false)} onOk={() => void submit()}>
        {unanswered.length ? (
          <Alert type="warning" showIcon title={t('exam.unanswered', { count: unanswered.length })} description={unanswered.map((u) => u.n).join('、')} />
        ) : (
          <Typography.Paragraph>{t('exam.allAnswered')}</Typography.Paragraph>
        )}
        {book.pending() > 0 && <Typography.Paragraph type="warning">{t('exam.waitingSaves', { count: book.pending() })}</Typography.Paragraph>}
      </Modal>
    </div>
  );
}
