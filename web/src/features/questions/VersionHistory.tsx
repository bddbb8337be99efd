// A question's versions, newest first: each save that changed it, when and by whom.
import { Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatTime } from '../format';
import type { QuestionDetail } from './api';

type Version = NonNullable<QuestionDetail['versions']>[number];

export default function VersionHistory({ question }: { question: QuestionDetail }) {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="question-history">
      <Typography.Title level={5} id="question-history">
        {t('questions.history')}
      </Typography.Title>
      <Table<Version>
        size="small"
        data-testid="version-history"
        rowKey={(v) => v.version_id ?? v.version ?? 0}
        pagination={{ pageSize: 10, hideOnSinglePage: true }}
        dataSource={question.versions ?? []}
        columns={[
          {
            title: t('questions.version'),
            dataIndex: 'version',
            width: 120,
            render: (n: number) => (
              <>
                v{n} {n === question.version && <Tag color="blue">{t('questions.current')}</Tag>}
              </>
            ),
          },
          { title: t('questions.savedAt'), dataIndex: 'created_at', render: (s: string) => formatTime(s) },
          { title: t('questions.savedBy'), dataIndex: 'created_by' },
        ]}
      />
    </section>
  );
}
