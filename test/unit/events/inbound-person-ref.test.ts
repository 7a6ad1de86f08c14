import { describe, expect, it } from 'vitest';
import { inboundEvents } from '../../../functions/domain/events';
import { describeIssues, toFieldIssues } from '../../../functions/domain/validation';

/** HR events name the person by crossgen's participantId or by the HR system's employeeId (QA events3). */
describe('ParticipantLeft and ParticipantUpdated: who they are about', () => {
  const refused = (schema: (typeof inboundEvents)['ParticipantLeft'] | (typeof inboundEvents)['ParticipantUpdated'], detail: unknown) => {
    const r = schema.safeParse(detail);
    return r.success ? undefined : describeIssues(toFieldIssues(r.error));
  };

  it('take an employee id instead of a participant id', () => {
    expect(refused(inboundEvents.ParticipantLeft, { employeeId: 'E-1' })).toBeUndefined();
    expect(refused(inboundEvents.ParticipantUpdated, { employeeId: 'E-1', department: 'Legal' })).toBeUndefined();
    expect(refused(inboundEvents.ParticipantLeft, { participantId: 'pt_1', reason: 'left' })).toBeUndefined();
  });

  it('refuse both, or neither, in a sentence that reads with the field before it (QA events9)', () => {
    for (const schema of [inboundEvents.ParticipantLeft, inboundEvents.ParticipantUpdated]) {
      expect(refused(schema, { participantId: 'pt_1', employeeId: 'E-1', department: 'Legal' })).toBe(
        'employeeId cannot be given with participantId: give exactly one of them to name the person',
      );
      expect(refused(schema, { department: 'Legal' })).toBe('participantId or employeeId is required: give exactly one of them to name the person');
    }
  });
});
