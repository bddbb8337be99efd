// A sitting's proctors (监考): examiners or HR, one per 15 candidates and two in a room; the server
// refuses a list that is short and says why. HR and administrators choose from every account that
// may proctor.
import { useEffect, useState } from 'react';
import { Form, Modal, Select, Space, Tag, Typography, message } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client';
import { hasRole, useUser } from '../auth/auth';
import { setProctors, useProctorChoices, type Sitting } from './api';

// The rule the server applies, to say beforehand how many are needed.
export const proctorsNeeded = (s: Pick<Sitting, 'candidates' | 'room'>) => Math.max(1, Math.ceil((s.candidates ?? 0) / 15), s.room ? 2 : 1);

export default function ProctorsDialog({ sitting, onClose }: { sitting: Sitting | null; onClose: () => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const me = useUser();
  const admin = hasRole(me, 'admin', 'hr');
  const choices = useProctorChoices(admin && !!sitting);
  const [ids, setIds] = useState<number[]>([]);
  const [errors, setErrors] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    setIds(sitting?.proctors ?? []);
    setErrors([]);
  }, [sitting?.id, sitting?.version]);

  const known = new Map((choices.data ?? []).map((c) => [c.id, c]));
  if (!known.has(me.id)) known.set(me.id, { id: me.id, name: me.display_name, roles: me.roles });
  const label = (id: number) => {
    const c = known.get(id);
    return c ? c.name : t('examAdmin.userId', { id });
  };
  // The administrator's whole list shows once the accounts have come (options that move under a click pick the wrong one).
  const current = sitting?.proctors ?? [];
  const offered = admin && choices.isLoading ? current : [...new Set([...(admin ? [...known.keys()] : [me.id]), ...current])];
  const options = offered.map((id) => {
    const c = known.get(id);
    return {
      value: id,
      label: label(id),
      roles: c?.roles.filter((r) => r === 'examiner' || r === 'hr' || r === 'admin') ?? [],
    };
  });

  const save = async () => {
    if (!sitting) return;
    setBusy(true);
    setErrors([]);
    try {
      await setProctors(sitting.id!, ids);
      void message.success(t('examAdmin.proctorsSaved', { name: sitting.name }));
      await qc.invalidateQueries({ queryKey: ['examAdmin'] });
      onClose();
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
      setErrors(e.problem.errors?.length ? e.problem.errors.map((x) => x.message) : [e.problem.title]);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open={!!sitting}
      title={sitting ? t('examAdmin.proctorsOf', { name: sitting.name }) : ''}
      onCancel={onClose}
      onOk={() => void save()}
      okButtonProps={{ disabled: ids.length === 0, 'data-testid': 'proctors-save' } as never}
      confirmLoading={busy}
      okText={t('examAdmin.saveProctors')}
      cancelText={t('common.cancel')}
      data-testid="proctors-dialog"
    >
      {sitting && (
        <Space orientation="vertical" style={{ width: '100%' }}>
          <Typography.Text type="secondary">{t('examAdmin.proctorsRule', { count: proctorsNeeded(sitting) })}</Typography.Text>
          <Form layout="vertical">
            <Form.Item label={t('examAdmin.proctors')} validateStatus={errors.length ? 'error' : undefined} help={errors.length ? errors.map((m, i) => <div key={i}>{m}</div>) : undefined}>
              <Select
                mode="multiple"
                value={ids}
                onChange={(v) => {
                  setIds(v);
                  setErrors([]);
                }}
                loading={admin && choices.isLoading}
                placeholder={t('common.choose')}
                optionFilterProp="label"
                data-testid="proctors-select"
                options={options}
                optionRender={(o) => (
                  <Space>
                    <span>{o.label}</span>
                    {(o.data.roles as string[]).map((r) => (
                      <Tag key={r}>{t(`roles.${r}`)}</Tag>
                    ))}
                  </Space>
                )}
              />
            </Form.Item>
          </Form>
        </Space>
      )}
    </Modal>
  );
}
