// The webcam snapshots of an exam (监考抓拍) on the candidate's side: when the sitting takes some
// and the candidate has not answered, a question that says in plain words what is taken, who sees
// it, how long it is kept, and that declining does not stop the exam; then a small status in the
// exam's header, from which the consent is withdrawn or given later. With consent, at each due
// moment the camera is opened, one frame drawn and the camera closed at once; the JPEG is sent and
// the next moment read from the answer. A camera that cannot be opened is tried once more later;
// nothing here ever stops the answering.
//
//   <Snapshots attempt={attempt} active={!timeUp && !submitting} />   // in the exam's header
import { Button, Flex, Grid, Modal, Popconfirm, Space, Tag, Typography, message } from 'antd';
import { CameraOutlined } from '@ant-design/icons';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { setSnapshotConsent, uploadSnapshot, type AttemptView } from './api';
import {
  asksConsent, CAMERA_RETRY_MS, clockSkew, delayUntil, fitFrame, FRAME, snapshotBadge, UPLOAD_RETRY_MS, wantsSnapshot, type SnapshotStatus,
} from './snapshots';

// A camera's first frames are often dark while its exposure settles: the picture is drawn this
// long after the first frame, then the camera is closed.
const SETTLE_MS = 400;

// One frame from the camera: opened, drawn at most 320 × 240, closed again before encoding.
async function captureFrame(): Promise<Blob> {
  if (!navigator.mediaDevices?.getUserMedia) throw new Error('no camera');
  const stream = await navigator.mediaDevices.getUserMedia({ video: { width: FRAME.width, height: FRAME.height }, audio: false });
  const video = document.createElement('video');
  const canvas = document.createElement('canvas');
  try {
    video.muted = true;
    video.playsInline = true;
    video.srcObject = stream;
    await video.play();
    await new Promise((r) => setTimeout(r, SETTLE_MS));
    if (!video.videoWidth || !video.videoHeight) throw new Error('no frame');
    const size = fitFrame(video.videoWidth, video.videoHeight);
    canvas.width = size.width;
    canvas.height = size.height;
    const g = canvas.getContext('2d');
    if (!g) throw new Error('no canvas');
    g.drawImage(video, 0, 0, size.width, size.height);
  } finally {
    for (const track of stream.getTracks()) track.stop();
    video.srcObject = null;
  }
  return new Promise<Blob>((resolve, reject) => canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('no picture'))), 'image/jpeg', 0.7));
}

export function Snapshots({ attempt, active }: { attempt: AttemptView; active: boolean }) {
  const { t } = useTranslation();
  // On a phone the two answers are one above the other, full width.
  const phone = !(Grid.useBreakpoint().sm ?? true);
  const id = attempt.id!;
  const [status, setStatus] = useState<SnapshotStatus | undefined>(attempt.snapshots);
  const [asking, setAsking] = useState(() => asksConsent(attempt.snapshots));
  const [answering, setAnswering] = useState<'yes' | 'no' | null>(null);
  // A camera (or a refused picture) that failed: tried again at retryAt; after a second failure not on this page.
  const [retryAt, setRetryAt] = useState<number | null>(null);
  const [cameraFailed, setCameraFailed] = useState(false);
  const failures = useRef(0);
  // A picture taken but not sent yet (no network): sent again without opening the camera.
  const unsent = useRef<Blob | null>(null);
  const skew = useMemo(() => clockSkew(attempt.server_now), [attempt.server_now]);

  const due = active && !cameraFailed && wantsSnapshot(status);
  const nextAt = status?.next_at;
  const taken = status?.taken;
  useEffect(() => {
    if (!due) return;
    let cancelled = false;
    const failed = () => {
      failures.current += 1;
      if (failures.current >= 2) {
        setCameraFailed(true);
        void message.warning({ key: 'snapshot-camera', content: t('exam.snapshots.cameraGaveUp'), duration: 8 });
      } else {
        setRetryAt(Date.now() + CAMERA_RETRY_MS);
        void message.warning({ key: 'snapshot-camera', content: t('exam.snapshots.cameraRetry'), duration: 8 });
      }
    };
    const take = async () => {
      let picture = unsent.current;
      if (!picture) {
        try {
          picture = await captureFrame();
        } catch {
          if (!cancelled) failed();
          return;
        }
      }
      // Withdrawn, submitted or gone meanwhile: the picture is dropped, never sent.
      if (cancelled) return;
      const out = await uploadSnapshot(id, picture);
      unsent.current = out.kind === 'retry' ? picture : null;
      if (out.kind === 'taken') {
        failures.current = 0;
        setRetryAt(null);
        setStatus(out.status);
      } else if (out.kind === 'retry') setRetryAt(Date.now() + UPLOAD_RETRY_MS);
      else if (out.kind === 'invalid') failed();
      // Nothing more to take (no consent, all taken, submitted): the server says so; stop asking.
      else setStatus((s) => s && { ...s, next_at: null });
    };
    const wait = retryAt !== null ? Math.max(0, retryAt - Date.now()) : (delayUntil(nextAt, skew) ?? 0);
    const timer = setTimeout(() => void take(), wait);
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [due, id, nextAt, taken, retryAt, skew, t]);

  const answer = async (yes: boolean) => {
    setAnswering(yes ? 'yes' : 'no');
    try {
      const s = await setSnapshotConsent(id, yes);
      setStatus(s);
      // A new answer gives the camera a new chance.
      failures.current = 0;
      unsent.current = null;
      setRetryAt(null);
      setCameraFailed(false);
      if (!yes && status?.consent === 'yes') void message.info(t('exam.snapshots.withdrawn'));
    } catch (e) {
      // Never in the way of the exam: the question can be answered later from the header.
      void message.warning(t('exam.snapshots.consentFailed', { message: e instanceof Error ? e.message : String(e) }), 8);
    } finally {
      setAnswering(null);
      setAsking(false);
    }
  };

  const badge = snapshotBadge(status);
  if (badge === 'none' || !status) return null;
  const firstAsk = status.consent === '';
  const keep = status.keep_days > 0 ? t('exam.snapshots.keep', { count: status.keep_days }) : t('exam.snapshots.keepNone');
  return (
    <>
      <Space size={0} wrap data-testid="snapshot-status">
        <Tag icon={<CameraOutlined />} color={badge === 'agreed' ? 'green' : badge === 'declined' ? 'default' : 'orange'} style={{ marginInlineEnd: 4 }}>
          {t(`exam.snapshots.badge.${badge}`)}
          {badge === 'agreed' && ` · ${status.taken}/${status.wanted}`}
        </Tag>
        {cameraFailed && badge === 'agreed' && <Tag color="red">{t('exam.snapshots.cameraFailed')}</Tag>}
        {active && badge === 'agreed' && (
          <Popconfirm title={t('exam.snapshots.withdrawConfirm')} okText={t('exam.snapshots.withdraw')} cancelText={t('common.cancel')} onConfirm={() => answer(false)}>
            <Button type="link" size="small" style={{ paddingInline: 4 }} data-testid="snapshot-withdraw">
              {t('exam.snapshots.withdraw')}
            </Button>
          </Popconfirm>
        )}
        {active && badge !== 'agreed' && (
          <Button type="link" size="small" style={{ paddingInline: 4 }} onClick={() => setAsking(true)} data-testid="snapshot-ask">
            {t(badge === 'declined' ? 'exam.snapshots.agreeLater' : 'exam.snapshots.answer')}
          </Button>
        )}
      </Space>
      <Modal
        open={asking && active}
        title={t('exam.snapshots.title')}
        // The first time the question is answered, not dismissed; asked again, it may be closed.
        closable={!firstAsk}
        maskClosable={false}
        keyboard={!firstAsk}
        onCancel={() => setAsking(false)}
        data-testid="snapshot-consent"
        footer={
          <Flex gap={8} justify="flex-end" vertical={phone}>
            <Button block={phone} loading={answering === 'no'} disabled={answering === 'yes'} onClick={() => void answer(false)} data-testid="snapshot-decline">
              {t('exam.snapshots.decline')}
            </Button>
            <Button block={phone} type="primary" icon={<CameraOutlined />} loading={answering === 'yes'} disabled={answering === 'no'} onClick={() => void answer(true)} data-testid="snapshot-agree">
              {t('exam.snapshots.agree')}
            </Button>
          </Flex>
        }
      >
        <Typography.Paragraph>{status.wanted === 1 ? t('exam.snapshots.introSingle') : t('exam.snapshots.intro', { n: status.wanted })}</Typography.Paragraph>
        <ul style={{ paddingInlineStart: 20, marginBottom: 12 }}>
          <li>{t('exam.snapshots.who')}</li>
          <li>{keep}</li>
          <li>{t('exam.snapshots.noFace')}</li>
        </ul>
        <Typography.Paragraph strong style={{ marginBottom: 0 }}>{t('exam.snapshots.declineNote')}</Typography.Paragraph>
      </Modal>
    </>
  );
}
