import { Suspense, useState } from 'react';
import { Flex, Layout, Typography, theme } from 'antd';
import { CustomerServiceOutlined } from '@ant-design/icons';
import { useT } from '../../i18n/useT';
import { Outlet } from 'react-router';
import { SectionLoading } from '../../components/StatusResults';
import { useAuth } from '../auth-context';
import { useLiveEvents } from '../live-events';
import { AvailabilitySwitch } from './AvailabilitySwitch';
import { NotificationBell } from './NotificationBell';
import { SideMenu } from './SideMenu';
import { UserMenu } from './UserMenu';
import { MustReadModal } from '../../features/announcements/MustReadModal';

const SIDER_WIDTH = 216;

function Brand({ collapsed }: { collapsed: boolean }) {
  const { t } = useT();
  return (
    <div
      style={{
        height: 56,
        display: 'flex',
        alignItems: 'center',
        justifyContent: collapsed ? 'center' : 'flex-start',
        gap: 10,
        padding: collapsed ? 0 : '0 20px',
        color: '#fff',
        fontSize: 17,
        fontWeight: 600,
        whiteSpace: 'nowrap',
        overflow: 'hidden',
      }}
    >
      <CustomerServiceOutlined style={{ fontSize: 22, color: '#4096ff' }} />
      {!collapsed && <span>{t('app.name')}</span>}
    </div>
  );
}

export function AppLayout() {
  const { session, can } = useAuth();
  const { token } = theme.useToken();
  const [collapsed, setCollapsed] = useState(false);
  useLiveEvents();

  // Only the content area scrolls: the document itself never does, so menus, header and
  // popups attached to <body> stay where they were opened.
  return (
    <Layout style={{ height: '100vh', overflow: 'hidden' }}>
      <Layout.Sider width={SIDER_WIDTH} breakpoint="lg" collapsible collapsed={collapsed} onCollapse={setCollapsed}>
        <Brand collapsed={collapsed} />
        <div style={{ height: 'calc(100% - 56px - 48px)', overflowY: 'auto' }}>
          <SideMenu />
        </div>
      </Layout.Sider>
      <Layout style={{ minWidth: 0 }}>
        <Layout.Header
          style={{
            height: 56,
            lineHeight: '56px',
            padding: '0 24px',
            display: 'flex',
            alignItems: 'center',
            justifyContent: 'space-between',
            gap: 16,
            background: token.colorBgContainer,
            borderBottom: `1px solid ${token.colorBorderSecondary}`,
          }}
        >
          <Typography.Text strong ellipsis style={{ fontSize: 15 }}>
            {session?.organizationName}
          </Typography.Text>
          <Flex align="center" gap={8}>
            {can('work_orders.handle') && <AvailabilitySwitch />}
            {can('work_orders.read') && <NotificationBell />}
            <UserMenu />
          </Flex>
        </Layout.Header>
        <Layout.Content style={{ padding: 24, overflowY: 'auto' }}>
          <Suspense fallback={<SectionLoading />}>
            <Outlet />
          </Suspense>
          <MustReadModal />
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
