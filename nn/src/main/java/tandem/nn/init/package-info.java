/**
 * Seeded parameter initialisers with PyTorch's formulas and layer defaults ({@link tandem.nn.init.Init}), the
 * fan-in/fan-out of a weight shape ({@link tandem.nn.init.Fans}) and activation gains
 * ({@link tandem.nn.init.Nonlinearity}).
 */
package tandem.nn.init;
