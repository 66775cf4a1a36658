import { Flex, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { Link } from 'react-router';
import { WEEKDAY_KEYS, type SlaCalendar } from '@kefu/contracts';
import { useT } from '../../i18n/useT';
import { useDeleteCalendarMutation, useSlaCalendars } from '../../api/sla';
import { SLA_CALENDARS_PATH, slaCalendarPath } from '../../app/navigation';
import { DateTimeText } from '../../components/DateTimeText';
import { ListPage, RowActions } from './ListPage';

/** Mon 08:00–12:00, 13:00–20:00 · Sun closed: the week at a glance. */
function WeekSummary({ calendar }: { calendar: SlaCalendar }) {
  const { t } = useT();
  if (calendar.alwaysOpen) return <Tag color="blue">{t('slaCalendars.alwaysOpenTag')}</Tag>;
  return (
    <Flex vertical gap={2}>
      {WEEKDAY_KEYS.map((day) => {
        const intervals = calendar.weeklyHours[day] ?? [];
        return (
          <Typography.Text key={day} type={intervals.length === 0 ? 'secondary' : undefined} style={{ fontSize: 12, whiteSpace: 'nowrap' }}>
            {t(`slaCommon.weekdays.${day}`)}{' '}
            {intervals.length === 0 ? t('slaCalendars.closed') : intervals.map((interval) => `${interval.start}–${interval.end}`).join(', ')}
          </Typography.Text>
        );
      })}
    </Flex>
  );
}

/** 营业日历 (SLA-1): the opening hours business-time targets count in. */
export function CalendarsPage() {
  const { t } = useT();
  const calendars = useSlaCalendars();
  const remove = useDeleteCalendarMutation();

  const columns: TableColumnsType<SlaCalendar> = [
    {
      title: t('slaCalendars.fields.name'),
      dataIndex: 'name',
      render: (name: string, calendar) => (
        <Flex gap={8} align="center">
          <Link to={slaCalendarPath(calendar.id)} data-testid={`sla-calendar-${calendar.id}`}>
            {name}
          </Link>
          {calendar.isDefault && <Tag color="gold">{t('slaCalendars.defaultTag')}</Tag>}
        </Flex>
      ),
    },
    { title: t('slaCalendars.fields.timeZone'), dataIndex: 'timeZone', width: 150 },
    { title: t('slaCalendars.columns.week'), key: 'week', render: (_, calendar) => <WeekSummary calendar={calendar} /> },
    {
      title: t('slaCalendars.columns.holidays'),
      key: 'holidays',
      width: 150,
      render: (_, calendar) => t('slaCalendars.holidayCount', { holidays: calendar.holidays.length, workdays: calendar.adjustedWorkdays.length }),
    },
    { title: t('slaCalendars.columns.policies'), dataIndex: 'policyCount', width: 100, align: 'right' },
    { title: t('slaCalendars.columns.updatedAt'), dataIndex: 'updatedAt', width: 170, render: (value: number) => <DateTimeText value={value} /> },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 130,
      render: (_, calendar) => (
        <RowActions
          editTo={slaCalendarPath(calendar.id)}
          deletion={
            !calendar.isDefault && calendar.policyCount === 0
              ? {
                  confirmTitle: t('slaCalendars.deleteConfirm', { name: calendar.name }),
                  doneMessage: t('slaCalendars.deleted', { name: calendar.name }),
                  run: () => remove.mutateAsync(calendar.id),
                }
              : undefined
          }
        />
      ),
    },
  ];

  return (
    <ListPage
      title={t('nav.slaCalendars')}
      description={t('slaCalendars.description')}
      createTo={`${SLA_CALENDARS_PATH}/new`}
      createLabel={t('slaCalendars.create')}
      createTestId="sla-calendar-create"
      list={calendars}
    >
      <Table<SlaCalendar> rowKey="id" columns={columns} dataSource={calendars.data} loading={calendars.isLoading} pagination={false} scroll={{ x: 900 }} data-testid="sla-calendars-table" />
    </ListPage>
  );
}
