import { useWorkOrderDirectory } from '../../../api/work-orders';
import { DepartmentTreeSelect, type DepartmentTreeSelectProps } from '../../../components/DepartmentTreeSelect';

/**
 * Picks a department or team from the work-order directory, which every work-order user
 * may read (the admin department list needs departments.read, which agents lack).
 * Clearing gives null.
 */
export function DirectoryDepartmentSelect(props: Omit<DepartmentTreeSelectProps, 'departments' | 'loading'>) {
  const directory = useWorkOrderDirectory();
  return <DepartmentTreeSelect {...props} departments={directory.data?.departments} loading={directory.isPending} />;
}
