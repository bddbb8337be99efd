// The exam review's words, English (merged into en.ts under `review`; en.ts checks that the keys match review.zh.ts).
const en = {
  open: 'Review', title: 'Answers', wrongBook: 'Wrong questions', back: 'Back to my exams', print: 'Print',
  resit: 'Resit', outcomes: { passed: 'Pass', failed: 'Fail', marking: 'Being marked' },
  sitting: 'Sitting', candidateNo: 'Candidate No.', score: 'Score', scoreOf: '{{score}} / {{max}}', passMark: 'Pass mark', closedAt: 'Closed',
  sections: 'Points by section', section: 'Section', earned: 'Points', full: 'Full marks', fullOf: '{{full}} / {{count}}',
  questions: 'Questions and answers', wrongOnly: 'Wrong only', wrongCount_one: '{{count}} wrong question', wrongCount_other: '{{count}} wrong questions', noneWrong: 'No wrong questions on this paper',
  number: 'Question {{n}}', points: '{{points}} points',
  verdicts: { right: 'Right', partial: 'Partly right', wrong: 'Wrong', pending: 'Being marked', case: 'Case' },
  yourChoice: 'Your choice', correct: 'Correct', yourAnswer: 'Your answer', notAnswered: 'Not answered', accepted: 'Accepted',
  blank: 'Blank {{n}}', reference: 'Reference answer', rubric: 'Scoring points', explanation: 'Explanation', caseTitle: 'Case', casePart: 'Part of a case',
  labelled: '{{label}}: ', rubricPoint: '{{text}} ({{points}} points)',
  notShown: 'This exam does not show answers', notShownHint: 'Only the score and the points by section are published.',
  notClosed: 'The exam has not closed yet',
  emptyWrong: 'No wrong questions yet', wrongHint: 'Questions without full points in closed exams that show answers, each once, newest first.', from: '{{name}} · {{at}}',
};
export default en;
