// stable_sort.h — Go's sort.Stable (insertion-sorted blocks of 20 merged by
// SymMerge), for natives that must order elements exactly as Go does even
// when the comparison is not a strict weak order (fmtsort's NaN keys).
// less(i, j) and swap(i, j) work on indices, like sort.Interface.
#pragma once

#include <cstdint>

namespace gol::std_ {

template <typename Less, typename Swap>
class GoStable {
 public:
  GoStable(Less less, Swap swap) : less_(less), swap_(swap) {}

  void sort(int64_t n) {
    int64_t blockSize = 20;
    int64_t a = 0, b = blockSize;
    for (; b <= n; a = b, b += blockSize) insertionSort(a, b);
    insertionSort(a, n);
    for (; blockSize < n; blockSize *= 2) {
      a = 0;
      b = 2 * blockSize;
      for (; b <= n; a = b, b += 2 * blockSize) symMerge(a, a + blockSize, b);
      if (int64_t m = a + blockSize; m < n) symMerge(a, m, n);
    }
  }

 private:
  void insertionSort(int64_t a, int64_t b) {
    for (int64_t i = a + 1; i < b; i++)
      for (int64_t j = i; j > a && less_(j, j - 1); j--) swap_(j, j - 1);
  }

  void swapRange(int64_t a, int64_t b, int64_t n) {
    for (int64_t i = 0; i < n; i++) swap_(a + i, b + i);
  }

  void rotate(int64_t a, int64_t m, int64_t b) {
    int64_t i = m - a, j = b - m;
    while (i != j) {
      if (i > j) {
        swapRange(m - i, m, j);
        i -= j;
      } else {
        swapRange(m - i, m + j - i, i);
        j -= i;
      }
    }
    swapRange(m - i, m, i);
  }

  void symMerge(int64_t a, int64_t m, int64_t b) {
    if (m - a == 1) {
      int64_t i = m, j = b;
      while (i < j) {
        int64_t h = int64_t(uint64_t(i + j) >> 1);
        if (less_(h, a))
          i = h + 1;
        else
          j = h;
      }
      for (int64_t k = a; k < i - 1; k++) swap_(k, k + 1);
      return;
    }
    if (b - m == 1) {
      int64_t i = a, j = m;
      while (i < j) {
        int64_t h = int64_t(uint64_t(i + j) >> 1);
        if (!less_(m, h))
          i = h + 1;
        else
          j = h;
      }
      for (int64_t k = m; k > i; k--) swap_(k, k - 1);
      return;
    }
    int64_t mid = int64_t(uint64_t(a + b) >> 1);
    int64_t n = mid + m;
    int64_t start, r;
    if (m > mid) {
      start = n - b;
      r = mid;
    } else {
      start = a;
      r = m;
    }
    int64_t p = n - 1;
    while (start < r) {
      int64_t c = int64_t(uint64_t(start + r) >> 1);
      if (!less_(p - c, c))
        start = c + 1;
      else
        r = c;
    }
    int64_t end = n - start;
    if (start < m && m < end) rotate(start, m, end);
    if (a < start && start < mid) symMerge(a, start, mid);
    if (mid < end && end < b) symMerge(mid, end, b);
  }

  Less less_;
  Swap swap_;
};

template <typename Less, typename Swap>
void goStableSort(int64_t n, Less less, Swap swap) {
  GoStable<Less, Swap>(less, swap).sort(n);
}

}  // namespace gol::std_
