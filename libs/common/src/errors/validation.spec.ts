import { Type, plainToInstance } from 'class-transformer';
import { IsEmail, IsInt, ValidateNested, validateSync } from 'class-validator';
import { flattenValidationErrors } from './validation';

class Leaf {
  @IsEmail() email: string;
}
class Branch {
  @ValidateNested({ each: true }) @Type(() => Leaf) leaves: Leaf[];
}
class Root {
  @IsInt() count: number;
  @ValidateNested() @Type(() => Branch) branch: Branch;
}

describe('flattenValidationErrors', () => {
  it('names nested fields by their full path, array indexes in brackets', () => {
    const input = plainToInstance(Root, { count: 'x', branch: { leaves: [{ email: 'a@b.org' }, { email: 'no' }] } });
    const errors = flattenValidationErrors(validateSync(input, { whitelist: true, forbidNonWhitelisted: true }));
    expect(errors).toEqual([
      { field: 'count', rule: 'isInt', message: 'must be an integer number' },
      { field: 'branch.leaves[1].email', rule: 'isEmail', message: 'must be an email' },
    ]);
  });

  it('says plainly that an unknown field is not accepted', () => {
    const input = plainToInstance(Root, { count: 1, branch: { leaves: [] }, admin: true });
    const errors = flattenValidationErrors(validateSync(input, { whitelist: true, forbidNonWhitelisted: true }));
    expect(errors).toEqual([{ field: 'admin', rule: 'whitelistValidation', message: 'is not an accepted field' }]);
  });
});
