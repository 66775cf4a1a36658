import { Card, Col, Descriptions, Empty, Flex, Row, Tag, Typography, theme } from 'antd';
import { LaptopOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { useT } from '../../i18n/useT';
import { Link } from 'react-router';
import type { CurrentUser } from '@kefu/contracts';
import { useAuth, useCurrentUser } from '../../app/auth-context';
import { ADMIN_PAGES, SESSIONS_PATH, WORK_PAGES } from '../../app/navigation';
import { usePageTitle } from '../../components/PageContainer';
import { groupPermissions } from '../../components/permissions';

type DayPart = 'morning' | 'noon' | 'afternoon' | 'evening';

function dayPart(hour: number): DayPart {
  if (hour < 11) return 'morning';
  if (hour < 13) return 'noon';
  if (hour < 18) return 'afternoon';
  return 'evening';
}

function Greeting({ user }: { user: CurrentUser }) {
  const { t } = useT();
  const { session } = useAuth();
  const now = dayjs();
  return (
    <Card>
      <Typography.Title level={3} style={{ margin: 0 }}>
        {t(`workbench.greeting.${dayPart(now.hour())}`, { name: user.displayName })}
      </Typography.Title>
      <Typography.Text type="secondary">
        {session?.organizationName} · {now.format(t('workbench.dateFormat'))}
      </Typography.Text>
    </Card>
  );
}

function AccountCard({ user }: { user: CurrentUser }) {
  const { t } = useT();
  return (
    <Card title={t('workbench.account')} style={{ height: '100%' }}>
      <Descriptions
        column={1}
        size="small"
        items={[
          { key: 'username', label: t('workbench.username'), children: user.username },
          {
            key: 'department',
            label: t('workbench.department'),
            children: user.departmentName ?? <Typography.Text type="secondary">{t('workbench.noDepartment')}</Typography.Text>,
          },
          {
            key: 'roles',
            label: t('workbench.roles'),
            children:
              user.roles.length > 0 ? (
                <Flex wrap gap={4}>
                  {user.roles.map((role) => (
                    <Tag key={role.id} color="blue">
                      {role.name}
                    </Tag>
                  ))}
                </Flex>
              ) : (
                <Typography.Text type="secondary">{t('workbench.noRoles')}</Typography.Text>
              ),
          },
          {
            key: 'dataScope',
            label: t('workbench.dataScope'),
            children: (
              <div>
                <div>{t(`shared:dataScopes.${user.dataScope}`)}</div>
                <Typography.Text type="secondary">{t(`workbench.dataScopeHelp.${user.dataScope}`)}</Typography.Text>
              </div>
            ),
          },
        ]}
      />
    </Card>
  );
}

function PermissionsCard({ user }: { user: CurrentUser }) {
  const { t } = useT();
  const groups = groupPermissions(user.permissions);
  return (
    <Card title={t('workbench.permissions')} style={{ height: '100%' }}>
      {groups.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('workbench.noPermissions')} />
      ) : (
        <Descriptions
          column={1}
          size="small"
          items={groups.map((group) => ({
            key: group.domain,
            label: t(`permissionDomains.${group.domain}`),
            children: (
              <Flex wrap gap={4}>
                {group.permissions.map((permission) => (
                  <Tag key={permission}>{t(`shared:permissions.${permission}`)}</Tag>
                ))}
              </Flex>
            ),
          }))}
        />
      )}
    </Card>
  );
}

function ShortcutsCard() {
  const { t } = useT();
  const { can } = useAuth();
  const { token } = theme.useToken();
  const shortcuts = [
    ...[...WORK_PAGES, ...ADMIN_PAGES].filter((page) => can(page.permission)).map((page) => ({
      path: page.path,
      icon: page.icon,
      label: t(page.labelKey),
    })),
    { path: SESSIONS_PATH, icon: <LaptopOutlined />, label: t('userMenu.sessions') },
  ];
  return (
    <Card title={t('workbench.shortcuts')}>
      <Row gutter={[12, 12]}>
        {shortcuts.map((shortcut) => (
          <Col key={shortcut.path} xs={12} sm={8} md={6} lg={4} xxl={3}>
            <Link to={shortcut.path}>
              <Flex
                vertical
                align="center"
                gap={8}
                style={{
                  padding: '16px 8px',
                  borderRadius: token.borderRadiusLG,
                  background: token.colorFillQuaternary,
                  color: token.colorText,
                }}
              >
                <span style={{ fontSize: 22, color: token.colorPrimary }}>{shortcut.icon}</span>
                <span>{shortcut.label}</span>
              </Flex>
            </Link>
          </Col>
        ))}
      </Row>
    </Card>
  );
}

export function WorkbenchPage() {
  const { t } = useT();
  const user = useCurrentUser();
  usePageTitle(t('nav.workbench'));
  return (
    <Flex vertical gap={16}>
      <Greeting user={user} />
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={10}>
          <AccountCard user={user} />
        </Col>
        <Col xs={24} lg={14}>
          <PermissionsCard user={user} />
        </Col>
      </Row>
      <ShortcutsCard />
    </Flex>
  );
}
