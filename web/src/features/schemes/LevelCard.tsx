// One level of a scheme: its requirements, eligibility paths, assessed components and pass marks.
import { Card, Col, Descriptions, List, Row, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Level } from '../../api/client';

export const difficultyColor: Record<string, string> = { simple: 'green', general: 'blue', complex: 'orange', difficult: 'red' };

export default function LevelCard({ level, lang }: { level: Level; lang: 'zh' | 'en' }) {
  const { t } = useTranslation();
  return (
    <Card
      data-testid={`level-${level.rank}`}
      title={
        <Space wrap>
          <Tag color="geekblue">{level.code}</Tag>
          <span>{level.label[lang]}</span>
          <Tag color={difficultyColor[level.max_difficulty]}>
            {t('schemes.difficulty')}: {level.max_difficulty_label[lang]}
          </Tag>
        </Space>
      }
      size="small"
    >
      <Row gutter={[16, 8]}>
        <Col xs={24} md={12}>
          <Typography.Text strong>{t('schemes.basic')}</Typography.Text>
          <List size="small" dataSource={level.basic_requirements} renderItem={(r) => <List.Item>{r[lang]}</List.Item>} />
        </Col>
        <Col xs={24} md={12}>
          <Typography.Text strong>{t('schemes.skill')}</Typography.Text>
          <List size="small" dataSource={level.skill_requirements} renderItem={(r) => <List.Item>{r[lang]}</List.Item>} />
        </Col>
        <Col xs={24} md={12}>
          <Typography.Text strong>{t('schemes.eligibility')}</Typography.Text>
          {level.eligibility.length === 0 ? (
            <div>{t('schemes.noEligibility')}</div>
          ) : (
            <List
              size="small"
              dataSource={level.eligibility}
              renderItem={(p, i) => (
                <List.Item>
                  <Space>
                    <Tag>{t('schemes.path', { n: i + 1 })}</Tag>
                    {p.text[lang]}
                  </Space>
                </List.Item>
              )}
            />
          )}
        </Col>
        <Col xs={24} md={12}>
          <Typography.Text strong>{t('schemes.components')}</Typography.Text>
          <List
            size="small"
            dataSource={level.components}
            renderItem={(c) => (
              <List.Item>
                {c.label[lang]} · {c.weight}% · ≥ {c.pass_mark}
              </List.Item>
            )}
          />
          <Descriptions size="small" column={1} style={{ marginTop: 8 }}>
            <Descriptions.Item label={t('schemes.passMark')}>{level.pass_mark}</Descriptions.Item>
            <Descriptions.Item label={t('schemes.validity')}>{t('schemes.months', { n: level.validity_months })}</Descriptions.Item>
            <Descriptions.Item label={t('schemes.allowance')}>{t('schemes.yuan', { n: level.monthly_allowance })}</Descriptions.Item>
          </Descriptions>
        </Col>
      </Row>
    </Card>
  );
}
