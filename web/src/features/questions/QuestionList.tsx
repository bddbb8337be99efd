// The bank's questions as a table, filtered and paged by the server: search text, product line,
// type, level, difficulty, and in use or retired. The filters are the caller's (kept in the URL).
import { useEffect, useState } from 'react';
import { Button, Flex, Grid, Input, Popconfirm, Select, Space, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import { useProductLines } from '../productLines/api';
import { useLevelLabels } from '../schemes/levels';
import { EmptyState, ErrorState } from '../ui';
import { DIFFICULTIES, QUESTION_TYPES, useQuestions, type Question, type QuestionQuery } from './api';
import { PAGE_SIZES } from './filters';

type Props = {
  query: QuestionQuery;
  onQuery: (q: QuestionQuery) => void;
  onReset: () => void;
  canWrite: boolean;
  onOpen: (id: number) => void;
  onRetire: (q: Question) => void;
  onRestore: (q: Question) => void;
};

export default function QuestionList({ query, onQuery, onReset, canWrite, onOpen, onRetire, onRestore }: Props) {
  const { t, i18n } = useTranslation();
  const list = useQuestions(query);
  const lines = useProductLines();
  const levels = useLevelLabels();
  const [search, setSearch] = useState(query.q ?? '');
  // The URL may change the search too (reset, going back).
  useEffect(() => setSearch(query.q ?? ''), [query.q]);
  const set = (patch: Partial<QuestionQuery>) => onQuery({ ...query, page: 1, ...patch });
  const en = i18n.language === 'en';
  const stemOf = (q: Question) => (en && q.stem.en) || q.stem.zh;
  const wide = Grid.useBreakpoint().md ?? true;

  const open = (q: Question) => (
    <Button type="link" size="small" style={{ paddingInline: 0 }} onClick={() => onOpen(q.id!)} data-testid="open-question">
      {q.code}
    </Button>
  );
  const typeTag = (v: Question['type']) => <Tag color={v === 'case' ? 'purple' : 'blue'}>{t(`questions.types.${v}`)}</Tag>;
  const levelTags = (ranks: number[]) => (
    <Space size={[0, 4]} wrap>
      {ranks.map((r) => (
        <Tag key={r} color="geekblue">
          {levels.get(r) ?? r}
        </Tag>
      ))}
    </Space>
  );
  // Widths for the longer English labels ("Intermediate After-sales Engineer"); the stem takes the rest.
  const w = (zh: number, english: number) => (en ? english : zh);
  const columns: TableColumnsType<Question> = [
    { title: t('questions.code'), dataIndex: 'code', width: 105, fixed: 'left', render: (_: string, q) => open(q) },
    { title: t('questions.type'), dataIndex: 'type', width: w(100, 125), render: typeTag },
    // The stem on one line, cut to the column; the whole of it on hover and in the editor.
    { title: t('questions.stem'), key: 'stem', ellipsis: true, render: (_: unknown, q) => stemOf(q) },
    { title: t('questions.productLine'), dataIndex: 'product_line', width: w(100, 135), render: (v: string) => lines.label(v) },
    { title: t('questions.knowledgePoint'), dataIndex: 'knowledge_point', width: w(120, 125), ellipsis: true },
    { title: t('questions.levels'), dataIndex: 'ranks', width: w(165, 220), render: levelTags },
    { title: t('questions.difficulty'), dataIndex: 'difficulty', width: w(70, 90), align: 'center' },
    { title: t('questions.version'), dataIndex: 'version', width: w(65, 75), render: (v: number) => `v${v}` },
  ];
  // On a phone one column holds the question: code, type, difficulty and version; the stem on two
  // lines; product line, knowledge point and levels.
  const phoneColumn: TableColumnsType<Question>[number] = {
    title: t('questions.question'),
    key: 'question',
    render: (_: unknown, q) => (
      <Flex vertical gap={4}>
        <Flex wrap gap={4} align="center">
          {open(q)}
          {typeTag(q.type)}
          <Typography.Text type="secondary">
            {t('questions.difficulty')} {q.difficulty} · v{q.version}
          </Typography.Text>
        </Flex>
        <Typography.Paragraph ellipsis={{ rows: 2 }} style={{ marginBottom: 0 }}>
          {stemOf(q)}
        </Typography.Paragraph>
        <Typography.Text type="secondary">
          {lines.label(q.product_line)} · {q.knowledge_point}
        </Typography.Text>
        {levelTags(q.ranks)}
      </Flex>
    ),
  };
  const actions: TableColumnsType<Question> = canWrite
    ? [
        {
          title: t('questions.actions'),
          key: 'actions',
          width: w(80, 95),
          render: (_: unknown, q: Question) =>
            q.retired ? (
              <Popconfirm title={t('questions.confirmRestore', { code: q.code })} onConfirm={() => onRestore(q)} okText={t('questions.restore')} cancelText={t('common.cancel')}>
                <Button size="small" data-testid="restore-question">
                  {t('questions.restore')}
                </Button>
              </Popconfirm>
            ) : (
              <Button size="small" danger onClick={() => onRetire(q)} data-testid="retire-question">
                {t('questions.retire')}
              </Button>
            ),
        },
      ]
    : [];
  return (
    <>
      <Flex wrap gap={8} style={{ marginBottom: 16 }} data-testid="question-filters">
        <Input.Search
          allowClear
          data-testid="question-search"
          placeholder={t('questions.search')}
          aria-label={t('questions.search')}
          value={search}
          maxLength={100}
          onChange={(e) => {
            setSearch(e.target.value);
            if (!e.target.value) set({ q: undefined });
          }}
          onSearch={(v) => set({ q: v.trim() || undefined })}
          style={{ width: 220 }}
        />
        <Select
          allowClear
          placeholder={t('questions.productLine')}
          aria-label={t('questions.productLine')}
          style={{ width: 150 }}
          value={query.product_line}
          onChange={(v?: string) => set({ product_line: v ?? undefined })}
          options={lines.options}
          data-testid="filter-line"
        />
        <Select
          allowClear
          placeholder={t('questions.type')}
          aria-label={t('questions.type')}
          style={{ width: 150 }}
          value={query.type}
          onChange={(v?: QuestionQuery['type']) => set({ type: v ?? undefined })}
          options={QUESTION_TYPES.map((v) => ({ value: v, label: t(`questions.types.${v}`) }))}
          data-testid="filter-type"
        />
        <Select
          allowClear
          placeholder={t('questions.levels')}
          aria-label={t('questions.levels')}
          style={{ width: 150 }}
          value={query.rank}
          onChange={(v?: number) => set({ rank: v ?? undefined })}
          options={[...levels].map(([value, label]) => ({ value, label }))}
          data-testid="filter-level"
        />
        <Select
          allowClear
          placeholder={t('questions.difficulty')}
          aria-label={t('questions.difficulty')}
          style={{ width: 110 }}
          value={query.difficulty}
          onChange={(v?: number) => set({ difficulty: v ?? undefined })}
          options={DIFFICULTIES.map((d) => ({ value: d, label: `${t('questions.difficulty')} ${d}` }))}
          data-testid="filter-difficulty"
        />
        <Select
          aria-label={t('questions.state')}
          style={{ width: 110 }}
          value={query.retired ? 'retired' : 'in_use'}
          onChange={(v: string) => set({ retired: v === 'retired' || undefined })}
          options={[
            { value: 'in_use', label: t('questions.inUse') },
            { value: 'retired', label: t('questions.retiredState') },
          ]}
          data-testid="filter-retired"
        />
        <Button
          onClick={() => {
            setSearch('');
            onReset();
          }}
        >
          {t('common.reset')}
        </Button>
      </Flex>
      {list.error ? (
        <ErrorState error={list.error} onRetry={() => void list.refetch()} />
      ) : (
        <div data-testid="question-table">
          <Table<Question>
            rowKey="id"
            size="middle"
            loading={list.isFetching}
            dataSource={list.data?.items}
            locale={{ emptyText: <EmptyState /> }}
            scroll={wide ? { x: w(1060, 1180) } : undefined}
            onChange={(p) => onQuery({ ...query, page: p.pageSize !== query.page_size ? 1 : (p.current ?? 1), page_size: p.pageSize ?? query.page_size })}
            pagination={{
              current: query.page,
              pageSize: query.page_size,
              total: list.data?.total ?? 0,
              showSizeChanger: true,
              pageSizeOptions: PAGE_SIZES,
              showTotal: (n) => t('common.total', { count: n }),
            }}
            columns={wide ? [...columns, ...actions] : [phoneColumn, ...actions]}
          />
        </div>
      )}
    </>
  );
}
