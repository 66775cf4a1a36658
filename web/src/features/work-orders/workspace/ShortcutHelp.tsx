import { Button, Flex, Popover, Tooltip, Typography } from 'antd';
import { QuestionCircleOutlined } from '@ant-design/icons';
import { useT } from '../../../i18n/useT';
import { SHORTCUT_HELP } from './shortcuts';

const KEY_STYLE: React.CSSProperties = {
  display: 'inline-block',
  minWidth: 22,
  padding: '0 5px',
  border: '1px solid #d9d9d9',
  borderBottomWidth: 2,
  borderRadius: 4,
  fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, monospace',
  fontSize: 12,
  lineHeight: '18px',
  textAlign: 'center',
  background: '#fafafa',
};

function KeyCap({ children }: { children: string }) {
  return <kbd style={KEY_STYLE}>{children}</kbd>;
}

/** The workspace's keyboard shortcuts, opened with "?" or the button. */
export function ShortcutHelp({ open, onOpenChange }: { open: boolean; onOpenChange: (open: boolean) => void }) {
  const { t } = useT();
  const content = (
    <Flex vertical gap={6} style={{ minWidth: 240 }} data-testid="workspace-shortcut-help">
      {SHORTCUT_HELP.map(({ keys, label }) => (
        <Flex key={label} justify="space-between" gap={16}>
          <Typography.Text>{t(`workspace.shortcuts.${label}`)}</Typography.Text>
          <Flex gap={4} align="center">
            {keys.map((key, index) => (
              <span key={key}>
                {index > 0 && <Typography.Text type="secondary">{t(label === 'views' ? 'workspace.shortcuts.range' : 'workspace.shortcuts.or')}</Typography.Text>}
                <KeyCap>{key}</KeyCap>
              </span>
            ))}
          </Flex>
        </Flex>
      ))}
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t('workspace.shortcuts.note')}
      </Typography.Text>
    </Flex>
  );
  return (
    <Popover open={open} onOpenChange={onOpenChange} trigger="click" placement="bottomRight" title={t('workspace.shortcuts.title')} content={content}>
      <Tooltip title={t('workspace.shortcuts.title')}>
        <Button icon={<QuestionCircleOutlined />} aria-label={t('workspace.shortcuts.title')} data-testid="workspace-shortcuts" />
      </Tooltip>
    </Popover>
  );
}
