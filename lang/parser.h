// parser.h — Go source text to ast::File.
//
// Invariants: the parser follows cmd/compile/internal/syntax's grammar and
// error wording ("syntax error: unexpected X, expected Y"); it never throws,
// always returns a File (possibly partial) and limits nesting depth so that
// hostile input cannot overflow the stack. Generic type parameters are parsed
// far enough to be rejected with gol's "not supported" error; a std
// package's generic declarations are only recorded (ast::File::rejectedNames),
// so that its uses can be reported as generic.
#pragma once

#include <string_view>

#include "lang/ast.h"
#include "lang/lexer.h"

namespace gol {

ast::File* parseFile(ast::Arena& arena, std::string_view src, uint32_t file, const ErrorFn& err,
                     bool std = false);

}  // namespace gol
