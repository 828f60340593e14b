// quote.h — Go-syntax quoting of strings and runes, as Go's strconv/quote.go,
// with Go 1.19's IsPrint/IsGraphic tables (isprint_tables.cpp).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace gol::strconv {

bool isPrint(int32_t r);
bool isGraphic(int32_t r);
bool canBackquote(std::string_view s);

void appendQuotedWith(std::string& dst, std::string_view s, char quote, bool asciiOnly, bool graphicOnly);
void appendQuotedRuneWith(std::string& dst, int32_t r, char quote, bool asciiOnly, bool graphicOnly);

// Unquote's core: returns false (syntax error) or the unquoted text in out.
bool unquote(std::string_view in, std::string& out);

namespace tables {
extern const uint16_t isPrint16[];
extern const uint16_t isNotPrint16[];
extern const uint32_t isPrint32[];
extern const uint16_t isNotPrint32[];
extern const uint16_t isGraphic[];
extern const size_t isPrint16Len, isNotPrint16Len, isPrint32Len, isNotPrint32Len, isGraphicLen;
}  // namespace tables

}  // namespace gol::strconv
