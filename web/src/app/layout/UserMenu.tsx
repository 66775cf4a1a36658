import { useState } from 'react';
import { Avatar, Button, Dropdown, Typography, type MenuProps } from 'antd';
import { CheckOutlined, DownOutlined, GlobalOutlined, LaptopOutlined, LockOutlined, LogoutOutlined, UserOutlined } from '@ant-design/icons';
import { useT } from '../../i18n/useT';
import { useNavigate } from 'react-router';
import { LOCALES } from '@kefu/contracts';
import { useLogoutMutation } from '../../api/auth';
import { currentLocale, isLocale } from '../../i18n';
import { ChangePasswordModal } from '../../features/auth/ChangePasswordModal';
import { useAuth, useCurrentUser } from '../auth-context';
import { SESSIONS_PATH } from '../navigation';
import { useChangeLocale } from '../useChangeLocale';

const LANGUAGE_KEY_PREFIX = 'language:';

export function UserMenu() {
  const { t } = useT();
  const user = useCurrentUser();
  const { clearSession } = useAuth();
  const navigate = useNavigate();
  const changeLocale = useChangeLocale();
  const logout = useLogoutMutation();
  const [changingPassword, setChangingPassword] = useState(false);
  const activeLocale = currentLocale();

  const signOut = async () => {
    // The session is gone locally even if the server could not be reached.
    await logout.mutateAsync().catch(() => undefined);
    navigate('/login', { replace: true });
    clearSession();
  };

  const items: MenuProps['items'] = [
    {
      key: 'identity',
      disabled: true,
      label: (
        <div>
          <Typography.Text strong>{user.displayName}</Typography.Text>
          <br />
          <Typography.Text type="secondary">{user.username}</Typography.Text>
        </div>
      ),
    },
    { type: 'divider' },
    { key: 'sessions', icon: <LaptopOutlined />, label: t('userMenu.sessions') },
    { key: 'password', icon: <LockOutlined />, label: t('userMenu.changePassword') },
    {
      key: 'language',
      icon: <GlobalOutlined />,
      label: t('language.label'),
      children: LOCALES.map((locale) => ({
        key: `${LANGUAGE_KEY_PREFIX}${locale}`,
        label: t(`language.${locale}`),
        extra: locale === activeLocale ? <CheckOutlined /> : undefined,
      })),
    },
    { type: 'divider' },
    { key: 'logout', icon: <LogoutOutlined />, label: t('userMenu.logout'), danger: true },
  ];

  const onClick: MenuProps['onClick'] = ({ key }) => {
    if (key === 'sessions') navigate(SESSIONS_PATH);
    else if (key === 'password') setChangingPassword(true);
    else if (key === 'logout') void signOut();
    else if (key.startsWith(LANGUAGE_KEY_PREFIX)) {
      const locale = key.slice(LANGUAGE_KEY_PREFIX.length);
      if (isLocale(locale)) void changeLocale(locale);
    }
  };

  return (
    <>
      <Dropdown menu={{ items, onClick }} trigger={['click']} placement="bottomRight">
        <Button type="text" data-testid="user-menu" style={{ height: 40 }}>
          <Avatar size="small" icon={<UserOutlined />} style={{ backgroundColor: '#1668dc' }} />
          <span>{user.displayName}</span>
          <DownOutlined style={{ fontSize: 10 }} />
        </Button>
      </Dropdown>
      <ChangePasswordModal open={changingPassword} onClose={() => setChangingPassword(false)} />
    </>
  );
}
