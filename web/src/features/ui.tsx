// Shared page states: loading, error (with the server's localized problem), empty.
import { Alert, Button, Empty, Result, Spin } from 'antd';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/client';

export function Loading() {
  const { t } = useTranslation();
  return (
    <div style={{ padding: 48, textAlign: 'center' }}>
      <Spin tip={t('common.loading')}>
        <div style={{ height: 40 }} />
      </Spin>
    </div>
  );
}

export function ErrorState({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useTranslation();
  if (error instanceof ApiError && error.status === 403) return <Result status="403" title={error.problem.title || t('common.forbidden')} />;
  if (error instanceof ApiError && error.status === 404) return <Result status="404" title={error.problem.title || t('common.notFound')} />;
  const message = error instanceof Error ? error.message : String(error);
  return (
    <Alert
      type="error"
      showIcon
      title={t('common.error')}
      description={message}
      action={onRetry ? <Button onClick={onRetry}>{t('common.retry')}</Button> : undefined}
    />
  );
}

export function EmptyState() {
  const { t } = useTranslation();
  return <Empty description={t('common.empty')} />;
}
