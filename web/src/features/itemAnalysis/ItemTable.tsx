// The sitting's questions with their figures and flags, sortable by each figure (a question without
// the figure stays last), each row opening to its option distribution. On a phone the row keeps the
// code, type, flags, p and r; the other figures move into the opened row.
import { useEffect } from 'react';
import { Flex, Table, Tag, Tooltip, Typography, type TableColumnsType } from 'antd';
import { InfoCircleOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { ItemStats } from './api';
import { compareCode, compareFigure, compareFlags, compareType, flagColor, flagHint, flagLabel, formatFigure, type Figure } from './analysis';
import Options from './Options';

const SELECTED = '#e6f4ff';

function Flags({ item }: { item: ItemStats }) {
  const { t } = useTranslation();
  return (
    <Flex wrap gap={4} data-testid="item-flags">
      {(item.flags ?? []).map((f) => (
        <Tooltip key={f} title={flagHint(t, f)}>
          <Tag color={flagColor(f)} style={{ marginInlineEnd: 0, whiteSpace: 'normal' }}>
            {flagLabel(t, f)}
          </Tag>
        </Tooltip>
      ))}
    </Flex>
  );
}

function Heading({ label, hint }: { label: string; hint?: string }) {
  if (!hint) return <>{label}</>;
  return (
    <Tooltip title={hint}>
      <span style={{ whiteSpace: 'nowrap' }}>
        {label} <InfoCircleOutlined style={{ color: '#8c8c8c' }} />
      </span>
    </Tooltip>
  );
}

export default function ItemTable({
  items,
  compact,
  selected,
  scrollTo,
  onSelect,
  expanded,
  onExpand,
  emptyText,
}: {
  items: ItemStats[];
  compact: boolean;
  selected: number | null;
  // Bumped when a dot was clicked: the row is brought into view.
  scrollTo: { id: number } | null;
  onSelect: (id: number | null) => void;
  expanded: number[];
  onExpand: (ids: number[]) => void;
  emptyText: React.ReactNode;
}) {
  const { t } = useTranslation();
  useEffect(() => {
    if (scrollTo) document.querySelector(`[data-row-key="${scrollTo.id}"]`)?.scrollIntoView({ block: 'center', behavior: 'smooth' });
  }, [scrollTo]);

  const figure = (key: Figure, label: string, hint?: string) => ({
    key,
    title: <Heading label={label} hint={hint} />,
    align: 'right' as const,
    sorter: compareFigure(key),
    onHeaderCell: () => ({ 'data-testid': `sort-${key}` }) as never,
    render: (_: unknown, i: ItemStats) => <span style={{ fontVariantNumeric: 'tabular-nums' }}>{key === 'n' ? (i.n ?? 0) : formatFigure(i[key])}</span>,
  });
  const typeOf = (i: ItemStats) => (i.type ? t(`questions.types.${i.type}`, { defaultValue: i.type }) : '—');
  const columns: TableColumnsType<ItemStats> = compact
    ? [
        {
          key: 'code',
          title: t('itemAnalysis.table.code'),
          sorter: compareCode,
          render: (_, i) => (
            <div style={{ minWidth: 0 }}>
              <Typography.Text strong>{i.code}</Typography.Text>
              <div>
                <Typography.Text type="secondary">{typeOf(i)}</Typography.Text>
              </div>
              {(i.flags?.length ?? 0) > 0 && (
                <div style={{ marginTop: 4 }}>
                  <Flags item={i} />
                </div>
              )}
            </div>
          ),
        },
        // Short headings on a phone; the caption above the table names them.
        figure('p', 'p'),
        figure('point_biserial', 'r'),
      ]
    : [
        { key: 'code', title: t('itemAnalysis.table.code'), sorter: compareCode, render: (_, i) => <Typography.Text strong>{i.code}</Typography.Text> },
        { key: 'type', title: t('itemAnalysis.table.type'), sorter: compareType, render: (_, i) => typeOf(i) },
        figure('n', t('itemAnalysis.table.n')),
        figure('p', t('itemAnalysis.table.p'), t('itemAnalysis.table.pHint')),
        figure('point_biserial', t('itemAnalysis.table.pointBiserial'), t('itemAnalysis.table.pointBiserialHint')),
        figure('upper_lower', t('itemAnalysis.table.upperLower'), t('itemAnalysis.table.upperLowerHint')),
        // A width of its own, so that the tags wrap instead of widening the table.
        { key: 'flags', title: t('itemAnalysis.table.flags'), width: 340, sorter: compareFlags, render: (_, i) => <Flags item={i} /> },
      ];

  const table = (
    <Table<ItemStats>
      size="small"
      rowKey={(i) => i.question_id ?? 0}
      pagination={false}
      showSorterTooltip={false}
      scroll={compact ? undefined : { x: 'max-content' }}
      dataSource={items}
      columns={columns}
      locale={{ emptyText }}
      data-testid="items-table"
      expandable={{
        expandedRowKeys: expanded,
        onExpandedRowsChange: (keys) => onExpand(keys as number[]),
        expandedRowRender: (i) => <Options item={i} compact={compact} />,
        columnWidth: compact ? 32 : undefined,
      }}
      onRow={(i) =>
        ({
          'data-testid': `item-${i.code}`,
          'aria-selected': i.question_id === selected,
          style: { cursor: 'pointer', ...(i.question_id === selected ? { background: SELECTED } : {}) },
          onClick: () => onSelect(i.question_id === selected ? null : (i.question_id ?? null)),
        }) as never
      }
    />
  );
  if (!compact) return table;
  return (
    <>
      <Typography.Paragraph type="secondary" style={{ fontSize: 12, margin: '8px 12px' }} data-testid="items-legend">
        {t('itemAnalysis.table.legend')}
      </Typography.Paragraph>
      {table}
    </>
  );
}
