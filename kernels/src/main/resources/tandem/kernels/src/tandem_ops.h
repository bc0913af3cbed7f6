// Operation codes passed to the elementwise and reduction kernels.
// They are the ordinals of tandem.tensor.UnaryOp, BinaryOp, ReduceOp and RandomKind (a test keeps them in step).

// UnaryOp
#define UN_NEG 0
#define UN_EXP 1
#define UN_LOG 2
#define UN_SQRT 3
#define UN_RSQRT 4
#define UN_ABS 5
#define UN_SQUARE 6
#define UN_RECIPROCAL 7
#define UN_RELU 8
#define UN_SIGMOID 9
#define UN_TANH 10
#define UN_SIGN 11
#define UN_POW 12
#define UN_ADD_SCALAR 13
#define UN_MUL_SCALAR 14
#define UN_LEAKY_RELU 15

// BinaryOp
#define BIN_ADD 0
#define BIN_SUB 1
#define BIN_MUL 2
#define BIN_DIV 3
#define BIN_POW 4
#define BIN_MAX 5
#define BIN_MIN 6
#define BIN_GT 7
#define BIN_GE 8
#define BIN_LT 9
#define BIN_EQ 10

// ReduceOp
#define RED_SUM 0
#define RED_MEAN 1
#define RED_MAX 2
#define RED_MIN 3
#define RED_ARGMAX 4
#define RED_ARGMIN 5

// RandomKind
#define RNG_UNIFORM 0
#define RNG_NORMAL 1
#define RNG_BERNOULLI 2
