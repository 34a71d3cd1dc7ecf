import { createI18n } from 'vue-i18n';
import { COUNTY_COORDINATION, DEPARTMENTS, SUPERVISION, type WarningRecipient } from '../../shared/domain/departments';
import { households } from './messages/households';
import { statistics } from './messages/statistics';
import { supervision } from './messages/supervision';
import { warnings } from './messages/warnings';

/** Chinese first (the people who use the console read Chinese); English switchable. */
const zh = {
  app: { title: '低收入人口动态监测工作台', subtitle: '一户一条救助链 · 三个清单' },
  language: { label: '界面语言', zh: '中文', en: 'English' },
  terms: {
    heading: '监测对象',
    dibao: '低保',
    tekun: '特困',
    dibaoEdge: '低保边缘',
    rigidExpense: '刚性支出困难',
    lists: '三个清单：需求清单、政策清单、幸福清单',
    chain: '一户一条救助链',
  },
  signIn: {
    title: '登录',
    local: '本地平台：选择部门身份',
    department: '部门身份',
    choose: '请选择部门',
    submit: '登录',
    signingIn: '正在登录…',
    federated: '部门联合身份的临时凭证（仅保存在内存中）',
    accessKeyId: '访问密钥 ID',
    secretAccessKey: '私有访问密钥',
    sessionToken: '会话令牌',
    region: '区域',
    signedInAs: '已登录：{department}（{officer}）',
    signOut: '退出',
    failed: '登录失败',
  },
  nav: { menu: '功能菜单', chain: '救助链', warnings: '预警处置', supervision: '监督', statistics: '统计', signIn: '登录' },
  // The departments' Chinese names are the domain's (shared/domain/departments.ts); the two recipients that are not departments are named here.
  departments: { ...DEPARTMENTS, [COUNTY_COORDINATION]: '县级协调机制', [SUPERVISION]: '数字监督' } as Record<WarningRecipient, string>,
};

const en: typeof zh = {
  app: { title: 'Low-income monitoring console', subtitle: 'One assistance chain per household · the three lists' },
  language: { label: 'Language', zh: '中文', en: 'English' },
  terms: {
    heading: 'Who is monitored',
    dibao: 'Dibao (minimum living allowance, 低保)',
    tekun: 'Tekun (destitute support, 特困)',
    dibaoEdge: 'Near-dibao (低保边缘)',
    rigidExpense: 'Hardship from rigid expenses (刚性支出困难)',
    lists: 'The three lists (三个清单): needs, policies, happiness',
    chain: 'One assistance chain per household (一户一条救助链)',
  },
  signIn: {
    title: 'Sign in',
    local: 'Local platform: choose a department identity',
    department: 'Department identity',
    choose: 'Choose a department',
    submit: 'Sign in',
    signingIn: 'Signing in…',
    federated: "Temporary credentials from the department's federation (kept in memory only)",
    accessKeyId: 'Access key ID',
    secretAccessKey: 'Secret access key',
    sessionToken: 'Session token',
    region: 'Region',
    signedInAs: 'Signed in: {department} ({officer})',
    signOut: 'Sign out',
    failed: 'Sign-in failed',
  },
  nav: { menu: 'Menu', chain: 'Assistance chain', warnings: 'Warnings', supervision: 'Supervision', statistics: 'Statistics', signIn: 'Sign in' },
  departments: {
    'civil-affairs': 'Civil affairs',
    education: 'Education',
    'hr-social-security': 'Human resources and social security',
    housing: 'Housing and urban-rural development',
    agriculture: 'Agriculture and rural affairs',
    health: 'Health',
    'emergency-management': 'Emergency management',
    'medical-insurance': 'Medical insurance',
    'disabled-federation': "Disabled persons' federation",
    justice: 'Justice',
    'county-coordination': 'County coordination',
    supervision: 'Digital supervision',
  },
};

export const i18n = createI18n({
  legacy: false,
  locale: 'zh-CN',
  fallbackLocale: 'zh-CN',
  // A word a page asks for and no language has is a defect: said as an error, which fails the browser tests.
  // (Element Plus renders each table column's slot once with an empty row, `{}`, to measure it:
  // a key built from that row's missing field ends in `.undefined` and is not a missing word.)
  missing: (locale: string, key: string) => {
    if (!key.endsWith('.undefined')) console.error(`missing words: ${locale} ${key}`);
    return key;
  },
  messages: {
    // Each area's words live beside its pages (messages/), so pages can grow without touching one shared file.
    'zh-CN': { ...zh, warnings: warnings.zh, households: households.zh, supervision: supervision.zh, statistics: statistics.zh },
    en: { ...en, warnings: warnings.en, households: households.en, supervision: supervision.en, statistics: statistics.en },
  },
});
