// The second factor on the account page: its state, turning it on (then the recovery codes, once)
// or off. MfaRequired is the same enrolment when the user's role demands it before anything else.
import { useState } from 'react';
import { Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useSession, useSetSession } from '../auth/auth';
import type { MfaConfirmed } from './api';
import { DisableMfa } from './DisableMfa';
import { MfaEnrolment } from './MfaEnrolment';
import { RecoveryCodes } from './RecoveryCodes';

export function MfaSettings() {
  const { t } = useTranslation();
  const session = useSession().data;
  const setSession = useSetSession();
  const [codes, setCodes] = useState<string[] | null>(null);
  if (!session) return null;
  const on = session.mfa_enabled;
  const confirmed = (r: MfaConfirmed) => {
    setCodes(r.recovery_codes);
    setSession(r.session);
  };
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Space wrap>
        <Tag color={on ? 'green' : 'default'} data-testid="mfa-status">
          {on ? t('account.mfa.on') : t('account.mfa.off')}
        </Tag>
        <Typography.Text type="secondary">{on ? t('account.mfa.onHint') : t('account.mfa.offHint')}</Typography.Text>
      </Space>
      {codes ? <RecoveryCodes codes={codes} username={session.user.username} onDone={() => setCodes(null)} /> : on ? <DisableMfa /> : <MfaEnrolment onConfirmed={confirmed} />}
    </Space>
  );
}

// The forced case: the session changes (and this page gives way) only once the codes are kept.
export function MfaRequired() {
  const session = useSession().data;
  const setSession = useSetSession();
  const [done, setDone] = useState<MfaConfirmed | null>(null);
  if (!session) return null;
  if (done) return <RecoveryCodes codes={done.recovery_codes} username={session.user.username} onDone={() => setSession(done.session)} />;
  return <MfaEnrolment onConfirmed={setDone} />;
}
