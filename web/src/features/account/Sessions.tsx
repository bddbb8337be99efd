// The user's active sessions: device, address, when signed in and last seen (in the browser's
// locale and zone); any but the current one can be ended.
import { Button, Empty, Popconfirm, Table, Tag, Tooltip, message } from 'antd';
import { useTranslation } from 'react-i18next';
import type { SessionInfo } from '../../api/client';
import { useAction } from '../forms';
import { ErrorState } from '../ui';
import { endOwnSession, ownSessionsQuery, useOwnSessions } from './api';
import { describeUserAgent } from './format';
import { formatTime } from '../format';

export function Sessions() {
  const { t } = useTranslation();
  const sessions = useOwnSessions();
  const run = useAction(ownSessionsQuery().queryKey);
  if (sessions.error) return <ErrorState error={sessions.error} onRetry={() => void sessions.refetch()} />;
  const end = (s: SessionInfo) =>
    run(async () => {
      await endOwnSession(s.id);
      void message.success(t('account.sessions.ended'));
    });
  return (
    <Table<SessionInfo>
      rowKey="id"
      size="middle"
      data-testid="sessions"
      loading={sessions.isLoading}
      dataSource={sessions.data?.items}
      pagination={false}
      scroll={{ x: 'max-content' }}
      locale={{ emptyText: <Empty description={t('account.sessions.empty')} /> }}
      columns={[
        {
          title: t('account.sessions.device'),
          dataIndex: 'user_agent',
          render: (ua: string, s) => (
            <>
              <Tooltip title={ua || undefined}>
                <span>{describeUserAgent(ua) || t('account.sessions.unknownDevice')}</span>
              </Tooltip>
              {s.current && (
                <Tag color="blue" style={{ marginInlineStart: 8 }} data-testid="session-current">
                  {t('account.sessions.current')}
                </Tag>
              )}
            </>
          ),
        },
        { title: t('account.sessions.address'), dataIndex: 'address' },
        { title: t('account.sessions.signedIn'), dataIndex: 'created_at', render: (v: string) => formatTime(v) },
        { title: t('account.sessions.lastSeen'), dataIndex: 'last_seen_at', render: (v: string) => formatTime(v) },
        {
          title: '',
          key: 'end',
          render: (_, s) =>
            !s.current && (
              <Popconfirm title={t('account.sessions.confirmEnd')} onConfirm={() => end(s)} okText={t('account.sessions.end')} cancelText={t('common.cancel')}>
                <Button size="small" data-testid={`session-end-${s.id}`}>
                  {t('account.sessions.end')}
                </Button>
              </Popconfirm>
            ),
        },
      ]}
    />
  );
}
