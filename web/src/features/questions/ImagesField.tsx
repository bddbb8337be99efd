// A question's pictures (shown below its stem): in the editor uploaded one by one — the server
// checks each (PNG or JPEG, 1 MB, 4096 px a side) and keeps it once — shown as thumbnails in
// order and removable, at most five; on a paper or a review, shown full width with a zoom.
import { useContext, useState } from 'react';
import { Button, Form, Image, Space, Typography, Upload } from 'antd';
import { DeleteOutlined, UploadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client';
import { questionImageUrl, uploadQuestionImage } from './api';
import type { FieldPath } from './form';
import { ReadOnly } from './TypeFields';

export const MAX_IMAGES = 5;

function ImageList({ value = [], onChange, readOnly }: { value?: number[]; onChange?: (v: number[]) => void; readOnly: boolean }) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const add = async (file: File) => {
    setBusy(true);
    setError(undefined);
    try {
      const img = await uploadQuestionImage(file);
      if (!value.includes(img.id)) onChange?.([...value, img.id]);
    } catch (e) {
      setError(e instanceof ApiError ? (e.problem.errors?.[0]?.message ?? e.problem.title) : String(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Space wrap align="start" data-testid="question-images">
      {value.map((id, i) => (
        <Space key={id} direction="vertical" size={0} align="center">
          <Image src={questionImageUrl(id)} width={96} height={72} style={{ objectFit: 'contain', background: '#fafafa' }} alt={t('questions.imageAlt', { n: i + 1 })} />
          {!readOnly && (
            <Button size="small" type="text" danger icon={<DeleteOutlined />} aria-label={t('questions.removeImage', { n: i + 1 })}
              onClick={() => onChange?.(value.filter((x) => x !== id))} />
          )}
        </Space>
      ))}
      {!readOnly && value.length < MAX_IMAGES && (
        <Upload accept="image/png,image/jpeg" showUploadList={false} beforeUpload={(f) => { void add(f); return false; }}>
          <Button icon={<UploadOutlined />} loading={busy} data-testid="add-image">{t('questions.addImage')}</Button>
        </Upload>
      )}
      {error && <Typography.Text type="danger" role="alert" data-testid="image-error">{error}</Typography.Text>}
    </Space>
  );
}

export function ImagesField({ name }: { name: FieldPath }) {
  const { t } = useTranslation();
  const readOnly = useContext(ReadOnly);
  return (
    <Form.Item name={[...name, 'images']} label={t('questions.images')} extra={readOnly ? undefined : t('questions.imagesHint')}>
      <ImageList readOnly={readOnly} />
    </Form.Item>
  );
}

// The pictures of a question on a paper, a marking task or a review.
export function QuestionImages({ ids }: { ids?: readonly number[] }) {
  const { t } = useTranslation();
  if (!ids?.length) return null;
  return (
    <Image.PreviewGroup>
      <Space direction="vertical" style={{ width: '100%', marginBottom: 12 }} data-testid="paper-images">
        {ids.map((id, i) => (
          <Image key={id} src={questionImageUrl(id)} alt={t('questions.imageAlt', { n: i + 1 })} style={{ maxWidth: '100%', maxHeight: 360, objectFit: 'contain' }} />
        ))}
      </Space>
    </Image.PreviewGroup>
  );
}
