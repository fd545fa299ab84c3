import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsEmail, IsInt, IsOptional, IsString, ValidateNested } from 'class-validator';
import { ValidationFailedException } from '@app/common';
import { createValidationPipe } from './validation.pipe';

class Contact {
  @ApiPropertyOptional({ type: String, nullable: true }) @IsOptional() @IsEmail() email?: string | null;
  @ApiPropertyOptional() @IsOptional() @IsString() phone?: string;
}

class Profile {
  @ApiProperty() @IsInt() version: number;
  @ApiPropertyOptional() @IsOptional() @IsString() name?: string;
  @ApiPropertyOptional({ type: [Contact] }) @IsOptional() @ValidateNested({ each: true }) @Type(() => Contact) contacts?: Contact[];
}

const pipe = createValidationPipe();
const run = (body: unknown) => pipe.transform(body, { type: 'body', metatype: Profile });
const fieldsOf = async (body: unknown) => {
  try {
    await run(body);
    return [];
  } catch (e) {
    expect(e).toBeInstanceOf(ValidationFailedException);
    return (e as ValidationFailedException).errors.map((f) => `${f.field}:${f.rule}`).sort();
  }
};

describe('the validation pipe and null', () => {
  it('refuses null for an optional field the schema does not declare nullable', async () => {
    expect(await fieldsOf({ version: 1, name: null })).toEqual(['name:isNotNull']);
  });

  it('names a null deep inside by its path', async () => {
    expect(await fieldsOf({ version: 1, contacts: [{ email: 'a@example.org' }, { phone: null }] })).toEqual(['contacts[1].phone:isNotNull']);
  });

  it('accepts null where the schema declares it nullable', async () => {
    await expect(run({ version: 1, contacts: [{ email: null }] })).resolves.toMatchObject({ contacts: [{ email: null }] });
  });

  it('names a required field that is null once, by its own rule', async () => {
    expect(await fieldsOf({ version: null })).toEqual(['version:isInt']);
  });

  it('leaves a body without nulls to the ordinary rules', async () => {
    await expect(run({ version: 2, name: 'Kalayaan' })).resolves.toMatchObject({ version: 2, name: 'Kalayaan' });
    expect(await fieldsOf({ version: 'x' })).toEqual(['version:isInt']);
  });
});
