// The ten recovery codes, shown once right after the second factor is turned on: copy them,
// download them as a .txt file, then say they are kept.
import { Alert, Button, Space, Typography, message } from 'antd';
import { CopyOutlined, DownloadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';

async function copyText(text: string) {
  if (navigator.clipboard && window.isSecureContext) return navigator.clipboard.writeText(text);
  // Plain http on another host has no clipboard API: the old way, through a selected text area.
  const area = document.createElement('textarea');
  area.value = text;
  area.setAttribute('readonly', '');
  area.style.position = 'fixed';
  area.style.opacity = '0';
  document.body.appendChild(area);
  area.select();
  const ok = document.execCommand('copy');
  area.remove();
  if (!ok) throw new Error('copy');
}

function downloadText(text: string, fileName: string) {
  const url = URL.createObjectURL(new Blob([text], { type: 'text/plain;charset=utf-8' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

export function RecoveryCodes({ codes, username, onDone }: { codes: string[]; username: string; onDone: () => void }) {
  const { t } = useTranslation();
  const text = `${t('account.recovery.fileHeader', { user: username })}\n\n${codes.join('\n')}\n`;
  const copy = async () => {
    try {
      await copyText(codes.join('\n'));
      void message.success(t('account.recovery.copied'));
    } catch {
      void message.error(t('account.recovery.copyFailed'));
    }
  };
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Alert type="warning" showIcon title={t('account.recovery.title')} description={t('account.recovery.warning')} />
      <ol data-testid="recovery-codes" style={{ columns: 2, columnGap: 32, margin: 0, paddingInlineStart: 24 }}>
        {codes.map((c) => (
          <li key={c}>
            <Typography.Text code style={{ fontSize: 15 }}>
              {c}
            </Typography.Text>
          </li>
        ))}
      </ol>
      <Space wrap>
        <Button icon={<CopyOutlined />} onClick={() => void copy()} data-testid="recovery-copy">
          {t('account.recovery.copy')}
        </Button>
        <Button icon={<DownloadOutlined />} onClick={() => downloadText(text, `skillgrade-recovery-codes-${username}.txt`)} data-testid="recovery-download">
          {t('account.recovery.download')}
        </Button>
        <Button type="primary" onClick={onDone} data-testid="recovery-done">
          {t('account.recovery.done')}
        </Button>
      </Space>
    </Space>
  );
}
