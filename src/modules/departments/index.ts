export { type CreateDepartmentResult, createDepartment } from './create-department.ts';
export {
  type DepartmentPatch,
  type DepartmentRow,
  DepartmentSchema,
  type DepartmentView,
  type NewDepartment,
} from './department-schemas.ts';
export {
  activeStaffCounts,
  assertDepartmentStaffed,
  DEPARTMENT_STAFF_ROLES,
  departmentRecipients,
  findActiveDepartment,
  worksInDepartment,
} from './department-staff.ts';
export { assertStaff, departmentViews, getDepartment, listDepartments } from './list-departments.ts';
export { departmentRoutes } from './routes.ts';
export { updateDepartment } from './update-department.ts';
