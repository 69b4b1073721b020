-- The municipality's units (departments, structures, committees), nested, and roles granted on
-- them. The requests module's departments become the first units: the table is renamed, so every
-- request, request type and history row keeps pointing at the same row (both engines carry the
-- foreign keys over on a rename). Requests keep calling the unit that answers them
-- department_id.
ALTER TABLE request_departments RENAME TO units;
ALTER TABLE units ADD COLUMN parent_id BIGINT REFERENCES units(id);
ALTER TABLE units ADD COLUMN kind TEXT NOT NULL DEFAULT 'department';
ALTER TABLE units ADD COLUMN retired_at BIGINT;  -- kept for history, offered nowhere new
DROP INDEX request_departments_name;
CREATE UNIQUE INDEX units_name ON units(municipality_id, name_el);
CREATE INDEX units_parent ON units(municipality_id, parent_id);

-- A grant may name a unit: staff of a department, members of a committee, social workers of a
-- structure. NULL: the whole municipality.
ALTER TABLE user_roles ADD COLUMN unit_id BIGINT REFERENCES units(id);
DROP INDEX user_roles_unique;
CREATE UNIQUE INDEX user_roles_unique ON user_roles(user_id, COALESCE(municipality_id, 0), role, COALESCE(unit_id, 0));
CREATE INDEX user_roles_municipality ON user_roles(municipality_id, role, unit_id);

-- Department membership becomes a staff grant on the unit; a supervisor flag becomes the
-- municipality-wide supervisor role (defined by the requests module). The unscoped staff grant
-- of someone with a department is dropped: the unit grants say all it said.
INSERT INTO user_roles (user_id, municipality_id, role, unit_id, granted_at)
SELECT ds.user_id, ds.municipality_id, 'staff', ds.department_id, u.created_at
FROM request_department_staff ds JOIN units u ON u.id = ds.department_id;
INSERT INTO user_roles (user_id, municipality_id, role, unit_id, granted_at)
SELECT DISTINCT ds.user_id, ds.municipality_id, 'supervisor', CAST(NULL AS BIGINT), 0
FROM request_department_staff ds WHERE ds.supervisor <> 0;
DELETE FROM user_roles WHERE role = 'staff' AND unit_id IS NULL AND EXISTS (
    SELECT 1 FROM request_department_staff ds
    WHERE ds.user_id = user_roles.user_id AND ds.municipality_id = user_roles.municipality_id);
DROP TABLE request_department_staff;
