// The Tandem kernel dialect: one C source compiled as OpenCL C or as CUDA C.
// The loader (or build-ptx.sh) defines before this header:
//   TK_F64      1 when `real` is double, 0 for float
//   TK_HAS_F64  1 when the device has double arithmetic (then `acc`, the accumulator type, is double)
// LOCAL declares work-group (CUDA: shared) arrays; LOCAL_PTR qualifies a pointer parameter that points into one.
// BARRIER() orders work-group (local) memory; BARRIER_GLOBAL() also makes one item's global writes visible to the
// other items of its group (OpenCL needs CLK_GLOBAL_MEM_FENCE for that; CUDA's __syncthreads covers both).
#ifndef TK_F64
#define TK_F64 0
#endif
#ifndef TK_HAS_F64
#define TK_HAS_F64 TK_F64
#endif

#if defined(__OPENCL_VERSION__)
  #if TK_HAS_F64
    #pragma OPENCL EXTENSION cl_khr_fp64 : enable
  #endif
  #define KERNEL __kernel
  #define GLOBAL __global
  #define LOCAL __local
  #define LOCAL_PTR __local
  #define FN static inline
  #define BARRIER() barrier(CLK_LOCAL_MEM_FENCE)
  #define BARRIER_GLOBAL() barrier(CLK_LOCAL_MEM_FENCE | CLK_GLOBAL_MEM_FENCE)
  #define GLOBAL_ID(d) ((i64) get_global_id(d))
  #define GROUP_ID(d) ((i64) get_group_id(d))
  #define LOCAL_ID(d) ((int) get_local_id(d))
  #define LOCAL_SIZE(d) ((int) get_local_size(d))
  #define TK_INF INFINITY
  #define U64(x) x##UL
  typedef long i64;
  typedef ulong u64;
#elif defined(__CUDACC__) || defined(__CUDACC_RTC__)
  #define KERNEL extern "C" __global__
  #define GLOBAL
  #define LOCAL __shared__
  #define LOCAL_PTR
  #define FN static __device__ __forceinline__
  #define BARRIER() __syncthreads()
  #define BARRIER_GLOBAL() __syncthreads()
  #define TK_INF __int_as_float(0x7f800000)
  #define U64(x) x##ULL
  typedef long long i64;
  typedef unsigned long long u64;
  // CUDA splits ids into x/y/z fields; OpenCL takes a dimension index. These give CUDA the OpenCL shape.
  FN i64 tk_group_id(int d) { return d == 0 ? blockIdx.x : d == 1 ? blockIdx.y : blockIdx.z; }
  FN int tk_local_id(int d) { return d == 0 ? threadIdx.x : d == 1 ? threadIdx.y : threadIdx.z; }
  FN int tk_local_size(int d) { return d == 0 ? blockDim.x : d == 1 ? blockDim.y : blockDim.z; }
  #define GROUP_ID(d) tk_group_id(d)
  #define LOCAL_ID(d) tk_local_id(d)
  #define LOCAL_SIZE(d) tk_local_size(d)
  #define GLOBAL_ID(d) (GROUP_ID(d) * LOCAL_SIZE(d) + LOCAL_ID(d))
#else
  #error "tandem_dialect.h: compile as OpenCL C or CUDA C"
#endif

#if TK_F64
typedef double real;
#else
typedef float real;
#endif

#if TK_HAS_F64
typedef double acc;
#else
typedef float acc;
#endif

// Work-group size of the kernels that reduce in local memory (one group per output); the host launches exactly this.
#define TK_GROUP 256

FN int tk_isnan(acc x) { return x != x; }
