/*
 * The business-calendar editor (SLA-1) with its live preview.
 *
 * Test ids: sla-calendar-form, sla-calendar-name, sla-calendar-default, sla-calendar-zone,
 * sla-calendar-always-open, sla-day-<mon…sun> (row), sla-day-<day>-open (switch),
 * sla-day-<day>-start-<n>, sla-day-<day>-end-<n>, sla-day-<day>-add, sla-calendar-holidays,
 * sla-adjusted-add, sla-adjusted-date-<n>, sla-adjusted-hours-<n>, sla-ics-hours-of, sla-ics-upload,
 * sla-preview-target (+ -unit), sla-preview-basis, sla-calendar-submit, sla-calendar-delete;
 * the preview panel: sla-preview, sla-preview-at, sla-preview-resolution-due.
 */
import { useMemo, useState } from 'react';
import { Alert, App, Button, Card, Col, DatePicker, Divider, Flex, Form, Input, Radio, Row, Select, Switch, Typography, Upload } from 'antd';
import { ArrowLeftOutlined, ImportOutlined, MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { Link, useNavigate } from 'react-router';
import dayjs, { type Dayjs } from 'dayjs';
import { TIME_BASES, WEEKDAY_KEYS, type HolidayImportResult, type SlaCalendar, type TimeBasis, type WeekdayKey } from '@kefu/contracts';
import { useT } from '../../i18n/useT';
import { useDeleteCalendarMutation, useImportIcsMutation, useSaveCalendarMutation, useSlaCalendars } from '../../api/sla';
import { SLA_CALENDARS_PATH, slaCalendarPath } from '../../app/navigation';
import { PageContainer } from '../../components/PageContainer';
import { requiredTextRules } from '../../components/form-rules';
import { preventImplicitSubmit } from '../../components/form-keys';
import { useReportError } from '../../components/useReportError';
import { DurationInput } from './DurationInput';
import { HolidaysInput } from './HolidaysInput';
import { EditorWithPreview } from './EditorWithPreview';
import { ListItemRoute, useListItemId } from './ListItemRoute';
import { SlaPreviewPanel } from './SlaPreviewPanel';
import {
  DEFAULT_INTERVAL,
  DEFAULT_TIME_ZONE,
  calendarToForm,
  formToCalendarBody,
  formToCalendarInput,
  intervalsProblem,
  isWallClock,
  mergeHolidayImport,
  newCalendarForm,
  type CalendarFormValues,
  type WeekdayRow,
} from './calendar-form';

const ISO_DATE = 'YYYY-MM-DD';
const TIME_ZONES: string[] = (() => {
  try {
    return Intl.supportedValuesOf('timeZone');
  } catch {
    return [DEFAULT_TIME_ZONE];
  }
})();

/** Dates live in the form as YYYY-MM-DD strings; the pickers work on Dayjs. */
const dateValueProps = (value: string | undefined) => ({ value: value ? dayjs(value, ISO_DATE) : null });
const dateNormalize = (value: Dayjs | null) => (value ? value.format(ISO_DATE) : undefined);

function WeekdayHours({ index, day }: { index: number; day: WeekdayKey }) {
  const { t } = useT();
  const form = Form.useFormInstance<CalendarFormValues>();
  const open = Form.useWatch(['week', index, 'open'], form) ?? false;
  return (
    <Flex gap={12} align="flex-start" wrap data-testid={`sla-day-${day}`} style={{ padding: '6px 0' }}>
      <Flex gap={8} align="center" style={{ width: 130, paddingTop: 4 }}>
        <Form.Item name={['week', index, 'open']} valuePropName="checked" noStyle>
          <Switch size="small" aria-label={t(`slaCommon.weekdays.${day}`)} data-testid={`sla-day-${day}-open`} />
        </Form.Item>
        <Typography.Text strong={open} type={open ? undefined : 'secondary'}>
          {t(`slaCommon.weekdays.${day}`)}
        </Typography.Text>
      </Flex>
      {open ? (
        <Form.List
          name={['week', index, 'intervals']}
          rules={[
            {
              validator: async (_rule, intervals: WeekdayRow['intervals'] | undefined) => {
                const problem = intervalsProblem(intervals ?? []);
                if ((intervals ?? []).length === 0) throw new Error(t('slaCalendars.intervalsRequired'));
                if (problem) throw new Error(t(`slaCalendars.intervalProblems.${problem}`));
              },
            },
          ]}
        >
          {(fields, { add, remove }, { errors }) => (
            <Flex vertical gap={6} style={{ flex: 1 }}>
              {fields.map((field, position) => (
                <Flex key={field.key} gap={6} align="center">
                  <Form.Item name={[field.name, 'start']} noStyle rules={[{ validator: async (_r, v?: string) => { if (!isWallClock(v)) throw new Error(); } }]}>
                    <Input maxLength={5} style={{ width: 80 }} placeholder={DEFAULT_INTERVAL.start} data-testid={`sla-day-${day}-start-${position}`} />
                  </Form.Item>
                  <Typography.Text type="secondary">–</Typography.Text>
                  <Form.Item name={[field.name, 'end']} noStyle rules={[{ validator: async (_r, v?: string) => { if (!isWallClock(v)) throw new Error(); } }]}>
                    <Input maxLength={5} style={{ width: 80 }} placeholder={DEFAULT_INTERVAL.end} data-testid={`sla-day-${day}-end-${position}`} />
                  </Form.Item>
                  {fields.length > 1 && (
                    <Button type="text" size="small" icon={<MinusCircleOutlined />} aria-label={t('slaCalendars.removeInterval')} onClick={() => remove(field.name)} />
                  )}
                </Flex>
              ))}
              <div>
                <Button type="link" size="small" icon={<PlusOutlined />} style={{ paddingInline: 0 }} onClick={() => add({ start: '', end: '' })} disabled={fields.length >= 6} data-testid={`sla-day-${day}-add`}>
                  {t('slaCalendars.addInterval')}
                </Button>
              </div>
              <Form.ErrorList errors={errors} />
            </Flex>
          )}
        </Form.List>
      ) : (
        <Typography.Text type="secondary" style={{ paddingTop: 4 }}>
          {t('slaCalendars.closed')}
        </Typography.Text>
      )}
    </Flex>
  );
}

function AdjustedWorkdays() {
  const { t } = useT();
  const weekdayOptions = WEEKDAY_KEYS.map((day) => ({ value: day, label: t('slaCalendars.hoursOf', { day: t(`slaCommon.weekdays.${day}`) }) }));
  return (
    <Form.List name="adjustedWorkdays">
      {(fields, { add, remove }) => (
        <Flex vertical gap={8}>
          {fields.map((field, position) => (
            <Flex key={field.key} gap={8} align="center">
              <Form.Item name={[field.name, 'date']} noStyle getValueProps={dateValueProps} normalize={dateNormalize} rules={[{ required: true }]}>
                <DatePicker format={ISO_DATE} style={{ width: 150 }} data-testid={`sla-adjusted-date-${position}`} />
              </Form.Item>
              <Form.Item name={[field.name, 'hoursOf']} noStyle>
                <Select<WeekdayKey> options={weekdayOptions} placeholder={t('slaCalendars.ownHours')} style={{ width: 180 }} data-testid={`sla-adjusted-hours-${position}`} />
              </Form.Item>
              <Button type="text" icon={<MinusCircleOutlined />} aria-label={t('slaCalendars.removeAdjusted')} onClick={() => remove(field.name)} />
            </Flex>
          ))}
          <div>
            <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ hoursOf: 'mon' })} data-testid="sla-adjusted-add">
              {t('slaCalendars.addAdjusted')}
            </Button>
          </div>
        </Flex>
      )}
    </Form.List>
  );
}

/** Reads an .ics file (the State Council's holiday calendar, say) and merges it into the form. */
function IcsImport() {
  const { t } = useT();
  const { message } = App.useApp();
  const form = Form.useFormInstance<CalendarFormValues>();
  const importIcs = useImportIcsMutation();
  const reportError = useReportError();
  const [hoursOf, setHoursOf] = useState<WeekdayKey>('fri');
  const [skipped, setSkipped] = useState<HolidayImportResult['skipped']>([]);

  const read = async (file: File) => {
    try {
      const result = await importIcs.mutateAsync(await file.text());
      const merged = mergeHolidayImport({ holidays: form.getFieldValue('holidays') ?? [], adjustedWorkdays: form.getFieldValue('adjustedWorkdays') ?? [] }, result, hoursOf);
      form.setFieldsValue(merged);
      setSkipped(result.skipped);
      void message.success(t('slaCalendars.ics.done', { holidays: result.holidays.length, workdays: result.workdays.length }));
    } catch (error) {
      reportError(error);
    }
  };

  return (
    <Flex vertical gap={8}>
      <Flex gap={8} align="center" wrap>
        <Typography.Text>{t('slaCalendars.ics.hoursOfLabel')}</Typography.Text>
        <Select<WeekdayKey>
          value={hoursOf}
          onChange={setHoursOf}
          options={WEEKDAY_KEYS.map((day) => ({ value: day, label: t(`slaCommon.weekdays.${day}`) }))}
          style={{ width: 100 }}
          data-testid="sla-ics-hours-of"
        />
        <Upload
          accept=".ics,text/calendar"
          showUploadList={false}
          beforeUpload={(file) => {
            void read(file);
            return false;
          }}
        >
          <Button icon={<ImportOutlined />} loading={importIcs.isPending} data-testid="sla-ics-upload">
            {t('slaCalendars.ics.upload')}
          </Button>
        </Upload>
      </Flex>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t('slaCalendars.ics.help')}
      </Typography.Text>
      {skipped.length > 0 && (
        <Alert
          type="warning"
          showIcon
          closable
          title={t('slaCalendars.ics.skipped', { count: skipped.length })}
          description={
            <ul style={{ margin: 0, paddingInlineStart: 18 }}>
              {skipped.slice(0, 20).map((entry) => (
                <li key={`${entry.line}-${entry.summary}`}>{t('slaCalendars.ics.skippedEntry', { line: entry.line, summary: entry.summary, reason: entry.reason })}</li>
              ))}
            </ul>
          }
        />
      )}
    </Flex>
  );
}

/** The calendar's preview tries one target, by default a day of business hours. */
function CalendarPreview() {
  const { t } = useT();
  const form = Form.useFormInstance<CalendarFormValues>();
  const values = Form.useWatch([], { form, preserve: true }) as Partial<CalendarFormValues> | undefined;
  const [targetMinutes, setTargetMinutes] = useState<number | null>(24 * 60);
  const [basis, setBasis] = useState<TimeBasis>('business');
  const body = useMemo(() => (values ? formToCalendarBody(values) : null), [values]);
  const request = body && targetMinutes ? { calendar: body, targets: { resolution: { maxMinutes: targetMinutes, averageMinutes: null, basis } } } : null;
  return (
    <SlaPreviewPanel request={request} timeZone={body?.timeZone ?? DEFAULT_TIME_ZONE}>
      <Flex gap={8} align="center" wrap>
        <Typography.Text>{t('slaPreview.target')}</Typography.Text>
        <DurationInput value={targetMinutes} onChange={setTargetMinutes} data-testid="sla-preview-target" />
        <Radio.Group
          size="small"
          optionType="button"
          value={basis}
          onChange={(event) => setBasis(event.target.value as TimeBasis)}
          options={TIME_BASES.map((value) => ({ value, label: t(`shared:sla.bases.${value}`) }))}
          data-testid="sla-preview-basis"
        />
      </Flex>
    </SlaPreviewPanel>
  );
}

function CalendarEditor({ calendar }: { calendar: SlaCalendar | undefined }) {
  const { t } = useT();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [form] = Form.useForm<CalendarFormValues>();
  const save = useSaveCalendarMutation(calendar?.id);
  const remove = useDeleteCalendarMutation();
  const reportError = useReportError();
  const [initialValues] = useState(() => (calendar ? calendarToForm(calendar) : newCalendarForm()));
  const alwaysOpen = Form.useWatch('alwaysOpen', form) ?? initialValues.alwaysOpen;

  // Every value, not only the mounted fields': an adjusted day's own hours have no field of their own.
  const submit = () =>
    save.mutate(formToCalendarInput(form.getFieldsValue(true) as CalendarFormValues), {
      onSuccess: (saved) => {
        void message.success(t('slaCalendars.saved', { name: saved.name }));
        if (!calendar) void navigate(slaCalendarPath(saved.id), { replace: true });
      },
      onError: (error) => reportError(error, form),
    });

  const deleteCalendar = () =>
    calendar &&
    remove.mutate(calendar.id, {
      onSuccess: () => {
        void message.success(t('slaCalendars.deleted', { name: calendar.name }));
        void navigate(SLA_CALENDARS_PATH);
      },
      onError: (error) => reportError(error),
    });

  return (
    <PageContainer
      title={calendar ? t('slaCalendars.editTitle', { name: calendar.name }) : t('slaCalendars.createTitle')}
      description={t('slaCalendars.editorDescription')}
      extra={
        <Link to={SLA_CALENDARS_PATH}>
          <Button icon={<ArrowLeftOutlined />}>{t('slaCalendars.back')}</Button>
        </Link>
      }
    >
      <Form<CalendarFormValues> form={form} layout="vertical" initialValues={initialValues} onFinish={submit} requiredMark={false} onKeyDown={preventImplicitSubmit} data-testid="sla-calendar-form">
        <EditorWithPreview
          preview={<CalendarPreview />}
          saving={save.isPending}
          submitTestId="sla-calendar-submit"
          deletion={
            calendar && !calendar.isDefault
              ? {
                  confirmTitle: t('slaCalendars.deleteConfirm', { name: calendar.name }),
                  confirmDescription: calendar.policyCount > 0 ? t('slaCalendars.inUse', { count: calendar.policyCount }) : undefined,
                  pending: remove.isPending,
                  onConfirm: deleteCalendar,
                  testId: 'sla-calendar-delete',
                }
              : undefined
          }
        >
          <Card size="small" title={t('slaCalendars.sections.basics')}>
            <Row gutter={12}>
              <Col xs={24} md={12}>
                <Form.Item name="name" label={t('slaCalendars.fields.name')} rules={requiredTextRules(t, t('slaCalendars.nameRequired'), 60)}>
                  <Input maxLength={60} data-testid="sla-calendar-name" />
                </Form.Item>
              </Col>
              <Col xs={24} md={12}>
                <Form.Item name="timeZone" label={t('slaCalendars.fields.timeZone')} rules={[{ required: true }]}>
                  <Select showSearch options={TIME_ZONES.map((zone) => ({ value: zone, label: zone }))} data-testid="sla-calendar-zone" />
                </Form.Item>
              </Col>
            </Row>
            <Flex gap={32} wrap>
              <Form.Item name="alwaysOpen" label={t('slaCalendars.fields.alwaysOpen')} valuePropName="checked" extra={t('slaCalendars.alwaysOpenHelp')}>
                <Switch data-testid="sla-calendar-always-open" />
              </Form.Item>
              <Form.Item name="isDefault" label={t('slaCalendars.fields.isDefault')} valuePropName="checked" extra={t('slaCalendars.defaultHelp')}>
                <Switch disabled={calendar?.isDefault} data-testid="sla-calendar-default" />
              </Form.Item>
            </Flex>
          </Card>

          <Card size="small" title={t('slaCalendars.sections.week')} style={{ display: alwaysOpen ? 'none' : undefined }}>
            <Typography.Text type="secondary" style={{ display: 'block', marginBottom: 8 }}>
              {t('slaCalendars.weekHelp')}
            </Typography.Text>
            {WEEKDAY_KEYS.map((day, index) => (
              <WeekdayHours key={day} index={index} day={day} />
            ))}
          </Card>

          <Card size="small" title={t('slaCalendars.sections.exceptions')} style={{ display: alwaysOpen ? 'none' : undefined }}>
            <Form.Item name="holidays" label={t('slaCalendars.fields.holidays')} extra={t('slaCalendars.holidaysHelp')}>
              <HolidaysInput data-testid="sla-calendar-holidays" />
            </Form.Item>
            <Form.Item label={t('slaCalendars.fields.adjustedWorkdays')} extra={t('slaCalendars.adjustedHelp')}>
              <AdjustedWorkdays />
            </Form.Item>
            <Divider style={{ margin: '8px 0 16px' }} />
            <IcsImport />
          </Card>
        </EditorWithPreview>
      </Form>
    </PageContainer>
  );
}

/** /admin/sla-calendars/new, or /admin/sla-calendars/:id for a saved one (read from the list: there is no single GET). */
export function CalendarEditorPage() {
  const calendarId = useListItemId();
  const calendars = useSlaCalendars({ enabled: calendarId !== 'new' });
  return (
    <ListItemRoute itemId={calendarId} list={calendars}>
      {(calendar) => <CalendarEditor key={calendar?.id} calendar={calendar} />}
    </ListItemRoute>
  );
}
