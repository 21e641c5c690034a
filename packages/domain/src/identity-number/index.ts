export {
  type IdentityNumberKind,
  type ParsedIdentityNumber,
  parseIdentityNumber,
} from './parse-identity-number';
