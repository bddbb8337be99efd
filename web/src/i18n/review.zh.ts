// The exam review's words, Chinese (merged into zh.ts under `review`): results after the close,
// answers beside the keys, and the wrong-question list (错题本).
const zh = {
  open: '查看答卷', title: '答卷', wrongBook: '错题本', back: '返回我的考试', print: '打印',
  resit: '补考', outcomes: { passed: '合格', failed: '不合格', marking: '阅卷中' },
  sitting: '考试场次', candidateNo: '准考证号', score: '成绩', scoreOf: '{{score}} / {{max}}', passMark: '及格线', closedAt: '结束时间',
  sections: '各部分得分', section: '部分', earned: '得分', full: '满分题', fullOf: '{{full}} / {{count}}',
  questions: '试题与答案', wrongOnly: '只看错题', wrongCount_other: '错题 {{count}} 道', noneWrong: '本卷没有错题',
  number: '第 {{n}} 题', points: '{{points}} 分',
  verdicts: { right: '正确', partial: '部分得分', wrong: '错误', pending: '待阅卷', case: '案例' },
  yourChoice: '你的选择', correct: '正确答案', yourAnswer: '你的答案', notAnswered: '未作答', accepted: '可接受答案',
  blank: '第 {{n}} 空', reference: '参考答案', rubric: '评分要点', explanation: '解析', caseTitle: '案例', casePart: '案例小题',
  labelled: '{{label}}：', rubricPoint: '{{text}}（{{points}} 分）',
  notShown: '本场考试不公布答卷', notShownHint: '只公布成绩和各部分得分。',
  notClosed: '考试尚未结束',
  emptyWrong: '暂无错题', wrongHint: '已结束且公布答卷的考试中未得满分的题目，每题一次，最新的在前。', from: '{{name}} · {{at}}',
};
export default zh;
