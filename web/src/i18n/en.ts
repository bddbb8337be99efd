import type zh from './zh';

const en: typeof zh = {
  app: { name: 'Skill Certification', tagline: 'Skill levels and certification for after-sales engineers' },
  nav: { users: 'Accounts', org: 'Organisation', schemes: 'Level schemes', engineers: 'Engineers', audit: 'Audit log', me: 'My profile', logout: 'Sign out', language: '中文' },
  roles: { admin: 'Administrator', hr: 'HR', examiner: 'Examiner', committee: 'Committee member', manager: 'Manager', engineer: 'Engineer', auditor: 'Auditor' },
  common: {
    loading: 'Loading…', error: 'Something went wrong', retry: 'Retry', empty: 'No data', back: 'Back', cancel: 'Cancel', confirm: 'OK',
    total: '{{count}} in total', forbidden: 'You may not open this page', notFound: 'Page not found', search: 'Search', reset: 'Reset',
    download: 'Download', yes: 'Yes', no: 'No', all: 'All',
  },
  login: { title: 'Sign in', username: 'User name', password: 'Password', submit: 'Sign in', required: 'Please enter the {{field}}' },
  schemes: {
    title: 'Skill level schemes', code: 'Code', name: 'Name', levels: 'Levels', version: 'Version', default: 'Default',
    open: 'Open', import: 'Import TOML', importHint: 'Import a scheme file (TOML): a known code becomes a new version.', export: 'Export TOML',
    diff: 'Compare versions', from: 'From version', to: 'To version', noChanges: 'The two versions are identical', versions: 'Versions',
    createdBy: 'Created by', createdAt: 'Created at', note: 'Note', imported: 'Saved as version {{version}}',
    basic: 'Basic requirements', skill: 'Skill requirements', eligibility: 'Eligibility (any one path)', path: 'Path {{n}}',
    components: 'Assessment and weights', passMark: 'Overall pass mark', validity: 'Certificate validity', months: '{{n}} months',
    allowance: 'Monthly allowance', yuan: '¥{{n}}', difficulty: 'Fault difficulty handled', courses: 'Courses',
    edit: 'Edit (new version)', saveVersion: 'Save as new version', editHint: 'Edit the scheme file and save: used versions never change, saving makes a new version; the whole file is validated.',
    field: 'Field', before: 'Before', after: 'After', noEligibility: 'No eligibility conditions',
  },
  engineers: {
    title: 'Engineers', employeeNo: 'Employee No.', name: 'Name', org: 'Org unit', level: 'Level', noLevel: 'No level',
    hireDate: 'Hire date', careerStart: 'Career start', education: 'Education', productLines: 'Product lines', status: 'Status',
    active: 'Active', left: 'Left', phone: 'Phone', email: 'E-mail', searchPlaceholder: 'Name or employee no.',
    import: 'Import', export: 'Export Excel', template: 'Download template', importTitle: 'Import engineers',
    importHint: 'Upload an .xlsx or .csv file (UTF-8 or GBK). The file is checked as a whole: if any row is wrong, nothing is imported.',
    chooseFile: 'Choose file', importOk: '{{count}} engineers imported', importFailed: 'The file has {{count}} error(s); nothing was imported',
    row: 'Row', column: 'Column', message: 'Problem', history: 'Level history', since: 'Since', source: 'Source', recordedBy: 'Recorded by',
    profile: 'Engineer profile', years: '{{n}} years', workYears: 'Work experience', productLine: 'Product line',
    create: 'New engineer',
    sources: { import: 'Import', manual: 'Entered by hand', demo: 'Demo data', initial: 'Initial level', cycle: 'Evaluation cycle' },
    edit: 'Edit record', changeLevel: 'Change level', reason: 'Reason',
    nextLevel: 'Next level', topLevel: 'Already at the top level', eligible: 'Eligible to apply', notYet: 'Not yet eligible',
    levelSince: 'At this level since',
  },
  org: { create: 'New org unit', kind: 'Kind', parent: 'Parent unit', code: 'Code', name: 'Name', managerUser: 'Manager (user name)', title: 'Organisation', manager: 'Manager', kinds: { company: 'Company', region: 'Region', center: 'Service center', team: 'Team' } },
  users: { title: 'Accounts', create: 'New account', displayName: 'Display name', roles: 'Roles', orgUnit: 'Org unit code (managed)', resetPassword: 'Reset password', newPassword: 'New password', resetHint: 'All of the user\'s sessions end at once.', passwordRule: 'At least 8 characters', passwordSet: 'New password set for {{user}}' },
  audit: { title: 'Audit log', at: 'Time', actor: 'Actor', action: 'Action', entity: 'Entity', entityId: 'Entity ID', hash: 'Hash', details: 'Details' },
  education: { none: 'None', junior_high: 'Junior high', high_school: 'High school / vocational', associate: 'Associate degree', bachelor: "Bachelor's", master: "Master's", doctor: 'Doctorate' },
};
export default en;
