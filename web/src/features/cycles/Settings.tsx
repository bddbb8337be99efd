// A cycle's settings: which fields the published list shows, the certificate-number pattern (with a
// live example), the notice length and how a resit counts. Saved with the cycle's version: a concurrent change gets 412.
import { Button, Card, Checkbox, Form, Input, InputNumber, Radio, Space, Typography, message } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { Schemas } from '../../api/client';
import { useSubmit } from '../forms';
import { saveCycleSettings, type Cycle } from './api';

const FIELDS: Schemas['PublishedField'][] = ['employee_no', 'engineer_name', 'org_unit', 'target_rank', 'outcome', 'total', 'rank'];
const NATIONAL = 'S000131000001{YY}{L}{N:6}';

// The number the pattern gives for the first certificate of level 3 this year (the server checks the pattern).
function example(pattern: string) {
  const year = new Date().getFullYear();
  return pattern.replace(/\{(YYYY|YY|L|N:([1-9]))\}/g, (_, f: string, w?: string) =>
    f === 'YYYY' ? String(year) : f === 'YY' ? String(year % 100).padStart(2, '0') : f === 'L' ? '3' : '1'.padStart(Number(w), '0'),
  );
}

type Values = { published_fields: Schemas['PublishedField'][]; certificate_pattern: string; notice_days: number; resit_rule: Schemas['ResitRule'] };

export default function Settings({ cycle, etag, editable }: { cycle: Cycle; etag: string; editable: boolean }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [form] = Form.useForm<Values>();
  const pattern = Form.useWatch('certificate_pattern', form) ?? cycle.certificate_pattern ?? '';
  const { busy, submit } = useSubmit<Values>(form, async (v) => {
    await saveCycleSettings(cycle.id, etag, v);
    void message.success(t('cycles.saved'));
    await qc.invalidateQueries({ queryKey: ['cycles'] });
  });
  return (
    <Card title={t('cycles.settings')}>
      <Form<Values>
        form={form}
        layout="vertical"
        disabled={!editable}
        onFinish={(v) => void submit(v)}
        initialValues={{ published_fields: cycle.published_fields, certificate_pattern: cycle.certificate_pattern, notice_days: cycle.notice_days, resit_rule: cycle.resit_rule ?? 'latest' }}
      >
        <Form.Item name="published_fields" label={t('cycles.publishedFields')} extra={t('cycles.publishedHint')}>
          <Checkbox.Group data-testid="published-fields" options={FIELDS.map((f) => ({ value: f, label: t(`cycles.fields.${f}`) }))} />
        </Form.Item>
        <Form.Item label={t('cycles.certificatePattern')} extra={t('cycles.patternHelp')} required>
          <Space.Compact style={{ width: '100%', maxWidth: 560 }}>
            <Form.Item name="certificate_pattern" noStyle rules={[{ required: true, message: t('login.required', { field: t('cycles.certificatePattern') }) }]}>
              <Input data-testid="certificate-pattern" style={{ fontFamily: 'monospace' }} />
            </Form.Item>
            <Button onClick={() => form.setFieldValue('certificate_pattern', NATIONAL)}>{t('cycles.nationalPattern')}</Button>
          </Space.Compact>
          <Typography.Text type="secondary" data-testid="pattern-example" style={{ display: 'block', marginTop: 4 }}>
            {t('cycles.patternPreview', { n: example(pattern) })}
          </Typography.Text>
        </Form.Item>
        <Form.Item name="notice_days" label={t('cycles.noticeDays')} rules={[{ required: true }]}>
          <InputNumber min={1} max={30} disabled={!editable || !!cycle.notice_ends_on} />
        </Form.Item>
        <Form.Item name="resit_rule" label={t('cycles.resitRule')} extra={t('cycles.resitHint')}>
          <Radio.Group data-testid="resit-rule" options={(['latest', 'best', 'capped'] as const).map((r) => ({ value: r, label: t(`cycles.resitRules.${r}`) }))} />
        </Form.Item>
        {editable && (
          <Button type="primary" htmlType="submit" loading={busy} data-testid="save-settings">
            {t('cycles.save')}
          </Button>
        )}
      </Form>
    </Card>
  );
}
